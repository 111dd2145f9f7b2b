package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that hangs up in the middle of a stream stops the generation upstream: the gateway
 * drops its upstream connection at once instead of reading (and paying for) the rest.
 */
class ClientDisconnectIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final Duration PACE = Duration.ofMillis(200);
    private static final int WORDS = 100;
    private static final Duration NOTICE_WITHIN = Duration.ofSeconds(5);

    /** 100 words 200 ms apart: 20 s of stream if nobody hangs up. */
    private static final PacedEventStream longVendorStream = new PacedEventStream(PacedEventStream.chunkEvents(
            "chatcmpl-long-1", IntStream.rangeClosed(1, WORDS).mapToObj(i -> "word" + i).toList()), PACE);
    private static ScriptedUpstream openAiUpstream;
    private static GatewayProcess gateway;
    private final SseClient gatewayClient = new SseClient();

    @BeforeAll
    static void startUpstreamAndGateway() {
        openAiUpstream = ScriptedUpstream.start();
        String baseUrl = openAiUpstream.endpoint("long", longVendorStream);
        gateway = GatewayProcess.start("client-disconnect", GatewayConfigFile.listeningOn(FreePorts.next())
                .tenant(TENANT)
                .openAiUpstream("eu-openai-long", baseUrl, "EU_OPENAI_KEY", "sk-upstream-long", List.of("gpt-4o")));
    }

    @AfterAll
    static void stopGatewayAndUpstream() {
        if (gateway != null) {
            gateway.close();
        }
        if (openAiUpstream != null) {
            openAiUpstream.close();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void abortsUpstreamStreamWhenClientHangsUp() {
        // given a client reading a long, slow stream
        SseClient.Stream stream = gatewayClient.post(gateway.uri("/v1/chat/completions"), TENANT.bearer(),
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a long story\"}]}");
        assertThat(stream.status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(stream.next()).as("event %d of the stream", i + 1).isPresent();
        }

        // when the client hangs up after three events
        stream.close();
        long hungUpAt = System.nanoTime();

        // then the vendor sees its connection fail within a few seconds
        Poll.require(NOTICE_WITHIN, () -> longVendorStream.brokenAtNanos().isDone(),
                () -> "the vendor was still streaming after the client left; it had written "
                        + longVendorStream.eventsWritten() + " of " + longVendorStream.events().size() + " events");
        long noticedAfterMillis = (longVendorStream.brokenAtNanos().join() - hungUpAt) / 1_000_000;
        System.out.printf("[e2e] the vendor noticed the hang-up after %d ms, having written %d of %d events%n",
                noticedAfterMillis, longVendorStream.eventsWritten(), longVendorStream.events().size());
        assertThat(noticedAfterMillis).isLessThan(NOTICE_WITHIN.toMillis());

        // and it had not been read to the end: well before the stream would have finished
        assertThat(longVendorStream.finished()).isNotDone();
        assertThat(longVendorStream.eventsWritten()).isLessThan(3 + (int) (NOTICE_WITHIN.toMillis() / PACE.toMillis()) + 2);
    }
}
