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
}
