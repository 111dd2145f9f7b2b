package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A streamed completion reaches the client event by event, as the vendor produces it: the gateway
 * never collects the stream before forwarding it, and changes nothing in it.
 */
class StreamingRelayIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String UPSTREAM_ID = "eu-openai-streaming";
    private static final Duration PACE = Duration.ofMillis(180);
    private static final List<String> WORDS = List.of("Residency", "first", "tokens", "arrive", "one", "by", "one", "here");

    private static final PacedEventStream vendorStream =
            new PacedEventStream(PacedEventStream.chunkEvents("chatcmpl-relay-1", WORDS), PACE);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("streaming-relay")
            .tenant(TENANT)
            .upstream(Upstream.openAi(UPSTREAM_ID, EU), vendorStream);

    private final SseClient gatewayClient = new SseClient();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void relaysEachEventAsTheUpstreamSendsItUnchanged() throws Exception {
        // given a vendor that streams its events PACE apart (vendorStream)
        // when the client asks for a streamed completion
        List<ReceivedEvent> received;
        try (SseClient.Stream stream = gatewayClient.post(deployment.uri("/v1/chat/completions"), TENANT.bearer(),
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream please\"}]}")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.header("X-RegionGate-Upstream")).contains(UPSTREAM_ID);
            assertThat(stream.header("X-RegionGate-Region")).contains(EU);
            received = stream.readAll();
        }
        vendorStream.finished().get(5, TimeUnit.SECONDS);

        // then every event arrives byte for byte as the vendor wrote it, in order
        assertThat(received).extracting(ReceivedEvent::raw).containsExactlyElementsOf(vendorStream.events());

        // and the first event was in the client's hands before the vendor had written its last
        List<Long> written = vendorStream.writtenAtNanos();
        long vendorLast = written.get(written.size() - 1);
        assertThat(received.get(0).arrivedAtNanos())
                .as("first event arrival vs. the vendor's last write: the stream was not collected first")
                .isLessThan(vendorLast);

        // and the events arrive spread out over the vendor's pacing, not in one burst
        long pacingSpan = vendorLast - written.get(0);
        long arrivalSpan = received.get(received.size() - 1).arrivedAtNanos() - received.get(0).arrivedAtNanos();
        assertThat(arrivalSpan)
                .as("arrival span %d ms vs. vendor span %d ms", arrivalSpan / 1_000_000, pacingSpan / 1_000_000)
                .isGreaterThanOrEqualTo(pacingSpan * 6 / 10);
        long spacedGaps = 0;
        for (int i = 1; i < received.size(); i++) {
            long gap = received.get(i).arrivedAtNanos() - received.get(i - 1).arrivedAtNanos();
            if (gap >= PACE.toNanos() / 2) {
                spacedGaps++;
            }
        }
        assertThat(spacedGaps)
                .as("gaps of at least half the vendor's pace between consecutive events")
                .isGreaterThanOrEqualTo((received.size() - 1) * 3L / 4);
    }
}
