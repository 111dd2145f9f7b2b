package io.regiongate.flow.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.call.GatewayCall;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every answer says what the gateway took and what it waited on targets. */
class ServerTimingTest {

    private static final Pattern TIMING = Pattern.compile("gateway;dur=(\\d+\\.\\d), upstream;dur=(\\d+\\.\\d)");

    @Test
    void anAnswerWithoutAnyTargetCallIsAllGatewayTime() {
        GatewayCall call = new GatewayCall("req_1", Instant.now(), null);

        String header = new ResponseHeaders("eu-west-1").of(call).get(ResponseHeaders.SERVER_TIMING);

        Matcher timing = TIMING.matcher(header);
        assertThat(timing.matches()).as(header).isTrue();
        assertThat(Double.parseDouble(timing.group(2))).isZero();
        assertThat(Double.parseDouble(timing.group(1))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void millisecondsHaveOneDecimalRoundedHalfUp() {
        assertThat(millis(0)).isEqualTo("0.0");
        assertThat(millis(49_999)).isEqualTo("0.0");
        assertThat(millis(50_000)).isEqualTo("0.1");
        assertThat(millis(1_249_999)).isEqualTo("1.2");
        assertThat(millis(1_250_000)).isEqualTo("1.3");
        assertThat(millis(12_345_678_901L)).isEqualTo("12345.7");
        assertThat(millis(-5)).as("a clock step backwards").isEqualTo("0.0");
    }

    private static String millis(long nanos) {
        return ResponseHeaders.appendMillis(new StringBuilder(), nanos).toString();
    }
}
