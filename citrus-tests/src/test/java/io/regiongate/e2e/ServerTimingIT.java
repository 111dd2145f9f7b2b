package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every answer's Server-Timing tells the gateway's own time apart from the time the vendor took. */
class ServerTimingIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final Duration VENDOR_DELAY = Duration.ofMillis(400);
    private static final Pattern TIMING = Pattern.compile("gateway;dur=(\\d+\\.\\d), upstream;dur=(\\d+\\.\\d)");

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("server-timing")
            .tenant(TENANT)
            .upstream(Upstream.openAi("eu-slow", EU), ScriptedUpstream.after(VENDOR_DELAY,
                    ScriptedUpstream.answering(200, VendorReplies.completionJson("chatcmpl-t", "late"), Map.of())));

    @Test
    void theVendorsTimeIsUpstreamTimeNotTheGateways() {
        // the first request also pays for the gateway's warm-up (class loading, connection pool)
        new ChatClient().post(deployment.uri("/v1/chat/completions"), TENANT,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}]}");

        HttpResponse<String> answer = new ChatClient().post(deployment.uri("/v1/chat/completions"), TENANT,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        String header = ChatClient.header(answer, "Server-Timing");
        Matcher timing = TIMING.matcher(String.valueOf(header));
        assertThat(timing.matches()).as("Server-Timing: %s", header).isTrue();
        assertThat(Double.parseDouble(timing.group(2))).as("upstream ms").isGreaterThanOrEqualTo(VENDOR_DELAY.toMillis());
        assertThat(Double.parseDouble(timing.group(1))).as("gateway ms").isLessThan(VENDOR_DELAY.toMillis());
    }
}
