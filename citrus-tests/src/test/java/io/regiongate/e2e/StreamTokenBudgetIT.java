package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quota scenario 2: a tenant with a small {@code tokens-per-day} budget opens many streams at once.
 * The vendor holds every stream open after its first event, so all admitted requests are in flight
 * together, and it reports more tokens per request than the gateway reserved (a prompt its
 * tokenizer counts higher). Only as many streams are admitted as their reservations fit the
 * budget; the rest get 429 {@code insufficient_quota}. The real usage overshoots the budget, but
 * by no more than the README's bound (the sum over in-flight requests of what each used beyond its
 * reservation), and once settled the admin endpoint shows exactly the usage blocks the served
 * streams carried.
 */
class StreamTokenBudgetIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final long BUDGET = 200;
    private static final int MAX_TOKENS = 40;
    /** More than any budget of 200 fits at a reservation of at least MAX_TOKENS each. */
    private static final int CONCURRENT_STREAMS = 8;
    /** What the vendor reports per request: its prompt count exceeds the gateway's estimate for "hi". */
    private static final long VENDOR_PROMPT_TOKENS = 30;
    private static final long VENDOR_COMPLETION_TOKENS = MAX_TOKENS;
    // the client asks for the usage chunk, as OpenAI clients do to see what a stream cost
    private static final String REQUEST = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":" + MAX_TOKENS
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final CountDownLatch releaseStreams = new CountDownLatch(1);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("stream-token-budget")
            .tenant(TENANT)
            .quotas("{tokens-per-day: " + BUDGET + "}")
            .adminToken(ADMIN_TOKEN)
            .upstream(Upstream.openAi("eu-openai-held", EU), heldStreams());

    private final SseClient gatewayClient = new SseClient();

    /** Every stream's first event at once, the rest (with more usage than reserved) once released. */
    private static HttpHandler heldStreams() {
        List<String> words = VendorReplies.streamEvents("chatcmpl-budget", List.of("Tokens", "are", "counted"));
        List<String> tail = new ArrayList<>(words.subList(1, words.size() - 1));
        tail.add(VendorReplies.usageEvent("chatcmpl-budget", VENDOR_PROMPT_TOKENS, VENDOR_COMPLETION_TOKENS));
        tail.add(words.get(words.size() - 1));
        return ScriptedUpstream.holdingAfter(words.subList(0, 1), releaseStreams, Duration.ofSeconds(30), tail);
    }

    @AfterAll
    static void releaseHeldStreams() {
        releaseStreams.countDown();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentStreamsStayWithinTheBudgetPlusTheOvershootBoundAndAreChargedTheirUsageBlocks() {
        GatewayProcess gateway = deployment.gateway();

        // given a tenant whose day budget has not been touched
        assertThat(AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).used("tokens-per-day")).isZero();

        // when it opens CONCURRENT_STREAMS streams at once, each held open by the vendor after its first event
        List<SseClient.Stream> admitted = new ArrayList<>();
        List<SseClient.Stream> refused = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_STREAMS);
        try {
            List<CompletableFuture<SseClient.Stream>> opening = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_STREAMS; i++) {
                opening.add(CompletableFuture.supplyAsync(
                        () -> gatewayClient.post(gateway.uri("/v1/chat/completions"), TENANT.bearer(), REQUEST), clients));
            }
            for (CompletableFuture<SseClient.Stream> stream : opening) {
                SseClient.Stream answer = stream.join();
                (answer.status() == 200 ? admitted : refused).add(answer);
            }
        } finally {
            clients.shutdown();
        }

        // then every stream got its answer while all admitted ones are still in flight:
        // each admission reserved the same estimate, and no more were admitted than their reservations fit
        assertThat(admitted).as("admitted streams").isNotEmpty();
        assertThat(refused).as("refused streams").isNotEmpty();
        long reservation = BUDGET - admitted.stream()
                .mapToLong(stream -> Long.parseLong(stream.header("x-ratelimit-remaining-tokens").orElseThrow()))
                .max().orElseThrow();
        System.out.printf("[e2e] %d of %d streams admitted at a reservation of %d tokens each%n",
                admitted.size(), CONCURRENT_STREAMS, reservation);
        assertThat(reservation).as("reservation per request (prompt estimate + max_tokens)").isGreaterThan(MAX_TOKENS);
        assertThat(admitted.stream().map(stream -> stream.header("x-ratelimit-remaining-tokens").orElseThrow()))
                .as("remaining tokens after each admission")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, admitted.size())
                        .mapToObj(n -> Long.toString(BUDGET - n * reservation)).toList());
        assertThat((long) admitted.size()).as("admitted = how many reservations fit the budget")
                .isEqualTo(BUDGET / reservation);
        for (SseClient.Stream stream : refused) {
            assertThat(stream.status()).isEqualTo(429);
            OpenAiErrorShape.assertError(stream.remainingText(), "insufficient_quota", "insufficient_quota", null);
        }

        // when the vendor finishes every held stream
        releaseStreams.countDown();
        long served = 0;
        long beyondReservations = 0;
        for (SseClient.Stream stream : admitted) {
            List<ReceivedEvent> events;
            try (stream) {
                events = stream.readAll();
            }
            assertThat(events.get(events.size() - 1).data()).as("last event").isEqualTo("[DONE]");
            long usage = totalTokens(events);
            served += usage;
            beyondReservations += Math.max(0, usage - reservation);
        }

        // then the usage really served overshoots the budget by no more than the documented bound
        System.out.printf("[e2e] served %d tokens of a budget of %d; bound on the overshoot %d%n",
                served, BUDGET, beyondReservations);
        assertThat(served - BUDGET).as("overshoot beyond the budget")
                .isLessThanOrEqualTo(beyondReservations);

        // and once settled, the tenant's day usage is the sum of the usage blocks of the served streams
        long expected = served;
        Poll.require(Duration.ofSeconds(10),
                () -> AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).used("tokens-per-day") == expected,
                () -> "tokens-per-day used should be " + expected + ": "
                        + AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).body());
        JsonNode day = AdminUsage.of(gateway, TENANT.id(), ADMIN_TOKEN).window("tokens-per-day").orElseThrow();
        assertThat(day.path("limit").asLong()).isEqualTo(BUDGET);
        assertThat(day.path("remaining").asLong()).isEqualTo(Math.max(0, BUDGET - expected));
    }

    /** {@code usage.total_tokens} of the stream's usage chunk. */
    private static long totalTokens(List<ReceivedEvent> events) {
        for (ReceivedEvent event : events) {
            if (event.data().startsWith("{")) {
                try {
                    JsonNode total = JSON.readTree(event.data()).path("usage").path("total_tokens");
                    if (total.isNumber()) {
                        return total.asLong();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no usage chunk in the stream: " + events);
    }
}
