package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quota scenario 6: a client that hangs up in the middle of a slow stream is charged for what the
 * model generated until the gateway aborted the upstream: at least the prompt and the events it
 * received, less than the whole completion the vendor would have reported at the end.
 *
 * <p>Token counts are bounded without a tokenizer: every chunk carries {@value #WORDS_PER_CHUNK}
 * space-separated words, and a BPE tokenizer splits text at word boundaries before it merges, so a
 * chunk is at least that many tokens, and at most as many tokens as it has characters.
 */
class DisconnectChargeIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final long DAY_BUDGET = 1_000_000;
    /** Far above anything generated here: a reservation that was never settled shows at once. */
    private static final int MAX_TOKENS = 5000;
    private static final int WORDS_PER_CHUNK = 10;
    private static final String CHUNK = "alpha bravo charlie delta echo foxtrot golf hotel india juliet";
    private static final int CHUNKS = 100;
    private static final int EVENTS_READ = 3;
    /** What the vendor's usage chunk at the end of the whole stream says. */
    private static final long FULL_PROMPT_TOKENS = 9;
    private static final long FULL_COMPLETION_TOKENS = (long) CHUNKS * WORDS_PER_CHUNK;
    private static final String REQUEST = "{\"model\":\"gpt-4o\",\"stream\":true,\"max_tokens\":" + MAX_TOKENS
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";

    /** 100 chunks 200 ms apart, the usage chunk, then [DONE]: 20 s of stream if nobody hangs up. */
    private static final PacedEventStream slowVendorStream = new PacedEventStream(slowStory(), Duration.ofMillis(200));

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("disconnect-charge")
            .tenant(TENANT)
            .quotas("{tokens-per-day: " + DAY_BUDGET + "}")
            .adminToken(ADMIN_TOKEN)
            .upstream(Upstream.openAi("eu-openai-slow", EU), slowVendorStream);

    private final SseClient gatewayClient = new SseClient();

    private static List<String> slowStory() {
        List<String> events = new ArrayList<>(PacedEventStream.chunkEvents("chatcmpl-story",
                Collections.nCopies(CHUNKS, CHUNK)));
        events.add(events.size() - 1, VendorReplies.usageEvent("chatcmpl-story", FULL_PROMPT_TOKENS, FULL_COMPLETION_TOKENS));
        return events;
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void chargesTheTokensGeneratedUntilTheClientHungUpNotTheWholeCompletion() {
        GatewayProcess gateway = deployment.gateway();
        // given a client reading a slow stream; the gateway reserved its prompt estimate + max_tokens
        SseClient.Stream stream = gatewayClient.post(gateway.uri("/v1/chat/completions"), TENANT.bearer(), REQUEST);
        assertThat(stream.status()).isEqualTo(200);
        long reserved = DAY_BUDGET - Long.parseLong(stream.header("x-ratelimit-remaining-tokens").orElseThrow());
        long promptEstimate = reserved - MAX_TOKENS;
        assertThat(promptEstimate).as("the gateway's prompt estimate").isPositive();
        for (int i = 0; i < EVENTS_READ; i++) {
            assertThat(stream.next()).as("event %d of the stream", i + 1).isPresent();
        }

        // when it hangs up after EVENTS_READ events
        stream.close();

        // then the vendor's stream is broken off long before its end
        Poll.require(Duration.ofSeconds(10), () -> slowVendorStream.brokenAtNanos().isDone(),
                () -> "the vendor was still streaming after the client left: " + slowVendorStream.eventsWritten()
                        + " events written");
        int written = slowVendorStream.eventsWritten();
        assertThat(slowVendorStream.finished()).isNotDone();

        // and once settled, the tenant is charged for the prompt and what was generated until then
        Poll.require(Duration.ofSeconds(10),
                () -> AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).used("tokens-per-day") != reserved,
                () -> "the reservation of " + reserved + " tokens was never settled: "
                        + AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).body());
        long charged = AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).used("tokens-per-day");
        System.out.printf("[e2e] charged %d tokens (prompt estimate %d) after %d events delivered, %d written%n",
                charged, promptEstimate, EVENTS_READ, written);
        assertThat(charged).as("at least the prompt and the delivered events")
                .isGreaterThanOrEqualTo(promptEstimate + (long) EVENTS_READ * WORDS_PER_CHUNK);
        assertThat(charged).as("at most the prompt and the events the vendor wrote")
                .isLessThanOrEqualTo(promptEstimate + (long) written * (CHUNK.length() + 1));
        assertThat(charged).as("less than the whole completion")
                .isLessThan(promptEstimate + FULL_COMPLETION_TOKENS);
    }
}
