package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.quota.TokenEstimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that hangs up in the middle of a stream stops the generation upstream: the gateway
 * drops its upstream connection at once instead of reading (and paying for) the rest.
 */
class ClientDisconnectIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final Duration PACE = Duration.ofMillis(200);
    private static final int WORDS = 100;
    private static final Duration NOTICE_WITHIN = Duration.ofSeconds(5);
    /** What the issue asks: the vendor sees the hang-up within a second (polled for longer, to report the figure). */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(1);
    private static final String ADMIN_TOKEN = "admin-" + java.util.UUID.randomUUID();
    private static final String PROMPT = "{\"model\":\"gpt-4o\",\"stream\":true,\"max_tokens\":1000,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"a long story\"}]}";

    /** 100 words 200 ms apart: 20 s of stream if nobody hangs up. */
    private static final PacedEventStream longVendorStream = new PacedEventStream(PacedEventStream.chunkEvents(
            "chatcmpl-long-1", IntStream.rangeClosed(1, WORDS).mapToObj(i -> "word" + i).toList()), PACE);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("client-disconnect")
            .tenant(TENANT)
            .quotas("{tokens-per-day: 100000000}")
            .adminToken(ADMIN_TOKEN)
            .upstream(Upstream.openAi("eu-openai-long", EU), longVendorStream);

    private final SseClient gatewayClient = new SseClient();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void abortsUpstreamStreamWhenClientHangsUpChargesWhatWasGeneratedAndRecordsTheCancellation() throws Exception {
        // given a client reading a long, slow stream
        long usedBefore = AdminUsage.of(deployment.gateway(), TENANT.id(), ADMIN_TOKEN).tokensUsed();
        Path journal = deployment.journal();
        long cancelledBefore = cancelledRecords(journal);
        SseClient.Stream stream = gatewayClient.post(deployment.uri("/v1/chat/completions"), TENANT.bearer(), PROMPT);
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
        assertThat(noticedAfterMillis).isLessThan(NOTICED_WITHIN.toMillis());

        // and it had not been read to the end: well before the stream would have finished
        assertThat(longVendorStream.finished()).isNotDone();
        assertThat(longVendorStream.eventsWritten()).isLessThan(3 + (int) (NOTICE_WITHIN.toMillis() / PACE.toMillis()) + 2);

        // and the tenant is charged the prompt and what the vendor generated until the hang-up, not the reservation
        TokenEstimator tokenizer = new TokenEstimator();
        long prompt = tokenizer.promptTokens(new ObjectMapper().readTree(PROMPT));
        int written = longVendorStream.eventsWritten();
        String generated = String.join(" ", IntStream.rangeClosed(1, written).mapToObj(i -> "word" + i).toList());
        long charged = AdminUsage.settledSince(deployment.gateway(), TENANT.id(), ADMIN_TOKEN, usedBefore, 500);
        System.out.printf("[e2e] charged %d tokens after the hang-up (prompt %d, %d events generated)%n", charged, prompt, written);
        assertThat(charged).isBetween(prompt + tokenizer.count("word1 word2 word3"), prompt + tokenizer.count(generated) + 3);

        // and the request's audit record says the client cancelled it
        Poll.require(Duration.ofSeconds(10), () -> cancelledRecords(journal) == cancelledBefore + 1,
                () -> "no client_cancelled record in " + journal);
    }

    private static long cancelledRecords(Path journal) {
        try {
            if (!Files.exists(journal)) {
                return 0;
            }
            ObjectMapper json = new ObjectMapper();
            long cancelled = 0;
            for (String line : Files.readAllLines(journal)) {
                if (!line.isBlank() && "client_cancelled".equals(json.readTree(line).path("completion").asText())) {
                    cancelled++;
                }
            }
            return cancelled;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
