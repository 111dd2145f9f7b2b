package io.regiongate.e2e;

import static io.regiongate.e2e.support.ChatClient.header;
import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A primary slower than its {@code response-timeout} is given up on and the request fails over to
 * the secondary: the answer arrives soon after the timeout, long before the primary would have
 * answered. The same holds for a stream whose first event does not come within the timeout.
 */
class SlowUpstreamFailoverIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    /** How long the slow primary takes to answer: far beyond its response-timeout. */
    private static final Duration PRIMARY_DELAY = Duration.ofSeconds(8);

    private static final String SLOW_PRIMARY = "eu-slow-primary";
    private static final String FAST_SECONDARY = "eu-fast-secondary";
    private static final String STREAM_MODEL = "gpt-4o-stream";
    private static final String STALLING_PRIMARY = "eu-stalling-primary";
    private static final String STREAMING_SECONDARY = "eu-streaming-secondary";
    private static final List<String> SECONDARY_EVENTS =
            VendorReplies.streamEvents("chatcmpl-fast", List.of("Fast", "secondary", "stream"));

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("slow-upstream-failover")
            .tenant(ACME_EU)
            .circuitBreaker("default", BreakerSettings.lenient())
            .upstream(Upstream.openAi(SLOW_PRIMARY, EU).priority(1).responseTimeout(RESPONSE_TIMEOUT),
                    ScriptedUpstream.after(PRIMARY_DELAY, VendorReplies.completes("chatcmpl-slow", "served by the slow primary")))
            .upstream(Upstream.openAi(FAST_SECONDARY, EU).priority(2),
                    VendorReplies.completes("chatcmpl-fast", "served by the fast secondary"))
            .upstream(Upstream.openAi(STALLING_PRIMARY, EU).models(STREAM_MODEL).priority(1).responseTimeout(RESPONSE_TIMEOUT),
                    ScriptedUpstream.stallingBeforeFirstEvent(PRIMARY_DELAY,
                            VendorReplies.streamEvents("chatcmpl-stall", List.of("Too", "late"))))
            .upstream(Upstream.openAi(STREAMING_SECONDARY, EU).models(STREAM_MODEL).priority(2),
                    ScriptedUpstream.streaming(SECONDARY_EVENTS));

    private final ChatClient gatewayClient = new ChatClient();
    private final SseClient streamingClient = new SseClient();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void failsOverToSecondaryWhenPrimaryExceedsItsResponseTimeout() {
        int primaryCalls = deployment.calls(SLOW_PRIMARY);

        // given a primary that answers only after PRIMARY_DELAY, with a response-timeout of RESPONSE_TIMEOUT
        // when the EU tenant asks
        long started = System.nanoTime();
        HttpResponse<String> answer = gatewayClient.post(deployment.uri("/v1/chat/completions"), ACME_EU,
                chatRequest("gpt-4o", "slow-" + UUID.randomUUID(), false));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then the secondary serves it, the primary's timeout named as the hop
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(200);
        assertThat(header(answer, "X-RegionGate-Upstream")).isEqualTo(FAST_SECONDARY);
        assertThat(header(answer, "X-RegionGate-Failover")).isEqualTo(SLOW_PRIMARY + ":timeout>" + FAST_SECONDARY + ":ok");
        assertThat(answer.body()).contains("served by the fast secondary");
        // and the primary was really tried, and waited for no longer than its timeout
        assertThat(deployment.calls(SLOW_PRIMARY)).as("slow primary calls").isEqualTo(primaryCalls + 1);
        assertThat(took).as("time to the answer").isGreaterThanOrEqualTo(RESPONSE_TIMEOUT)
                .isLessThan(PRIMARY_DELAY.dividedBy(2));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void failsOverStreamWhenPrimarySendsNoEventWithinItsResponseTimeout() {
        int secondaryCalls = deployment.calls(STREAMING_SECONDARY);

        // given a primary that opens its stream at once but sends its first event only after PRIMARY_DELAY
        // when the EU tenant asks for a stream
        long started = System.nanoTime();
        int status;
        String upstream;
        List<ReceivedEvent> events;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest(STREAM_MODEL, "slow-stream-" + UUID.randomUUID(), true))) {
            status = stream.status();
            upstream = stream.header("X-RegionGate-Upstream").orElse(null);
            events = stream.readAll();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then the secondary's stream is all the client gets, well before the primary would have sent anything
        String seen = "status " + status + ", upstream " + upstream + ", events " + events;
        assertThat(status).as(seen).isEqualTo(200);
        assertThat(upstream).as(seen).isEqualTo(STREAMING_SECONDARY);
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(SECONDARY_EVENTS);
        assertThat(deployment.calls(STREAMING_SECONDARY)).as("secondary calls").isEqualTo(secondaryCalls + 1);
        assertThat(took).as("time to the whole stream").isLessThan(PRIMARY_DELAY.dividedBy(2));
    }
}
