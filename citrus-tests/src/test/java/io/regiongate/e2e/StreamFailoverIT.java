package io.regiongate.e2e;

import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failover of a streamed completion is decided by the first byte: a primary that fails before
 * its first event leaves no trace, and the client receives one clean stream from the secondary;
 * a primary that fails after its first events cannot be replaced without repeating text, so the
 * client's stream ends with one error event and {@code [DONE]}, and the secondary is never asked.
 */
class StreamFailoverIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String PRIMARY = "eu-stream-primary";
    private static final String SECONDARY = "eu-stream-secondary";
    private static final Duration PRIMARY_RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    private static final List<String> PRIMARY_EVENTS =
            VendorReplies.streamEvents("chatcmpl-primary", List.of("Primary", "starts", "then", "breaks"));
    private static final List<String> SECONDARY_EVENTS =
            VendorReplies.streamEvents("chatcmpl-secondary", List.of("Secondary", "serves", "the", "whole", "stream"));

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("stream-failover")
            .tenant(ACME_EU)
            .circuitBreaker("default", BreakerSettings.lenient())
            .upstream(Upstream.openAi(PRIMARY, EU).priority(1).responseTimeout(PRIMARY_RESPONSE_TIMEOUT),
                    VendorReplies.fails(500))
            .upstream(Upstream.openAi(SECONDARY, EU).priority(2), ScriptedUpstream.streaming(SECONDARY_EVENTS));

    private final SseClient streamingClient = new SseClient();

    /** Ways a primary fails before its first event, and the outcome the failover header names. */
    static Stream<Arguments> failuresBeforeTheFirstEvent() {
        return Stream.of(
                Arguments.of("answers 500", VendorReplies.fails(500), "http-500"),
                Arguments.of("opens a stream and ends it without an event", ScriptedUpstream.endingWithoutDone(List.of()),
                        "broken-stream"));
    }

    @ParameterizedTest(name = "primary {0}")
    @MethodSource("failuresBeforeTheFirstEvent")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void servesOneCleanStreamFromSecondaryWhenPrimaryFailsBeforeItsFirstEvent(String failure, HttpHandler behaviour,
                                                                             String outcome) {
        // given a primary that fails before its first event
        deployment.vendor(PRIMARY).become(behaviour);
        int primaryCalls = deployment.calls(PRIMARY);
        int secondaryCalls = deployment.calls(SECONDARY);

        // when the EU tenant asks for a stream
        List<ReceivedEvent> events;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", "stream-failover-" + UUID.randomUUID(), true))) {
            // then one stream opens, served by the secondary, the hop named
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("X-RegionGate-Upstream")).contains(SECONDARY);
            assertThat(stream.header("X-RegionGate-Failover")).contains(PRIMARY + ":" + outcome + ">" + SECONDARY + ":ok");
            events = stream.readAll();
        }

        // and it holds exactly the secondary's events: nothing of the primary, no error event
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(SECONDARY_EVENTS);
        assertThat(deployment.calls(PRIMARY)).as("primary calls").isEqualTo(primaryCalls + 1);
        assertThat(deployment.calls(SECONDARY)).as("secondary calls").isEqualTo(secondaryCalls + 1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void servesOneCleanStreamFromSecondaryWhenPrimaryDropsTheConnectionBeforeItsFirstEvent() {
        // given a primary that opens a stream, then drops the connection before any event
        deployment.vendor(PRIMARY).become(ScriptedUpstream.breakingOffAfter(List.of()));
        int secondaryCalls = deployment.calls(SECONDARY);

        // when the EU tenant asks for a stream
        int status;
        String upstream;
        String failover;
        List<ReceivedEvent> events;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", "stream-failover-" + UUID.randomUUID(), true))) {
            status = stream.status();
            upstream = stream.header("X-RegionGate-Upstream").orElse(null);
            failover = stream.header("X-RegionGate-Failover").orElse(null);
            events = stream.readAll();
        }

        // then it is served as one clean stream by the secondary
        String seen = "status " + status + ", upstream " + upstream + ", failover " + failover + ", events " + events;
        assertThat(status).as(seen).isEqualTo(200);
        assertThat(upstream).as(seen).isEqualTo(SECONDARY);
        assertThat(failover).as(seen).isEqualTo(PRIMARY + ":broken-stream>" + SECONDARY + ":ok");
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(SECONDARY_EVENTS);
        assertThat(deployment.calls(SECONDARY)).as("secondary calls").isEqualTo(secondaryCalls + 1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void endsStreamWithErrorEventAndDoneWhenPrimaryBreaksAfterTwoEventsWithoutAskingSecondary() {
        // given a primary that sends two events, then drops the connection
        List<String> sentBeforeBreak = PRIMARY_EVENTS.subList(0, 2);
        deployment.vendor(PRIMARY).become(ScriptedUpstream.breakingOffAfter(sentBeforeBreak));
        int secondaryCalls = deployment.calls(SECONDARY);

        // when the EU tenant asks for a stream
        List<ReceivedEvent> events;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", "stream-failover-" + UUID.randomUUID(), true))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("X-RegionGate-Upstream")).contains(PRIMARY);
            assertThat(stream.header("X-RegionGate-Failover")).isEmpty();
            events = stream.readAll();
        }

        // then the client has the primary's two events, one error event, then [DONE], and nothing else
        assertThat(events).as("events received").hasSize(4);
        assertThat(events.subList(0, 2)).extracting(ReceivedEvent::raw).containsExactlyElementsOf(sentBeforeBreak);
        JsonNode error = OpenAiErrorShape.assertError(events.get(2).data(), SERVER_ERROR, "upstream_error", null);
        assertThat(error.path("message").asText()).contains(PRIMARY);
        assertThat(events.get(3).data()).isEqualTo("[DONE]");
        // and the secondary was never asked: no duplicate text could follow
        assertThat(deployment.calls(SECONDARY)).as("secondary calls").isEqualTo(secondaryCalls);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void endsTheStreamAtDoneAndClosesAPrimaryThatNeverEndsItsAnswer() throws Exception {
        // given a primary that sends a whole stream, [DONE] included, and then keeps its answer open
        CompletableFuture<Long> primaryClosedAt = new CompletableFuture<>();
        deployment.vendor(PRIMARY).become(ScriptedUpstream.keepingOpenAfter(PRIMARY_EVENTS, primaryClosedAt, Duration.ofSeconds(20)));

        // when the EU tenant asks for a stream
        long asked = System.nanoTime();
        List<ReceivedEvent> events;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", "stream-failover-" + UUID.randomUUID(), true))) {
            assertThat(stream.status()).isEqualTo(200);
            events = stream.readAll();
        }
        Duration clientStream = Duration.ofNanos(System.nanoTime() - asked);

        // then the client's stream is whole and ends at [DONE], not when the primary would end its answer
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(PRIMARY_EVENTS);
        assertThat(clientStream).as("the client's whole stream").isLessThan(PRIMARY_RESPONSE_TIMEOUT);
        // and the gateway closes the primary's connection instead of holding it open for ever
        Duration closedAfter = Duration.ofNanos(primaryClosedAt.get(20, TimeUnit.SECONDS) - asked);
        assertThat(closedAfter).as("the primary's connection closed after").isLessThan(Duration.ofSeconds(15));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void endsStreamWithErrorEventNotGarbageWhenPrimarySendsHalfAnEventAndCloses() {
        // given a primary that sends two events, then half of the third, and ends its body
        List<String> whole = PRIMARY_EVENTS.subList(0, 2);
        String third = PRIMARY_EVENTS.get(2);
        String half = third.substring(0, third.length() / 2);
        deployment.vendor(PRIMARY).become(ScriptedUpstream.endingWithoutDone(List.of(whole.get(0), whole.get(1), half)));
        int secondaryCalls = deployment.calls(SECONDARY);

        // when the EU tenant asks for a stream
        String body;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri("/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", "stream-failover-" + UUID.randomUUID(), true))) {
            assertThat(stream.status()).isEqualTo(200);
            body = stream.remainingText();
        }

        // then the client has the two whole events, one error event, then [DONE]: nothing of the half event
        List<String> events = List.of(body.split("(?<=\n\n)"));
        assertThat(events).as("the stream as received: %s", body).hasSize(4);
        assertThat(events.subList(0, 2)).containsExactlyElementsOf(whole);
        assertThat(half).startsWith("id: 3\n");
        assertThat(body).doesNotContain("id: 3");
        JsonNode error = OpenAiErrorShape.assertError(events.get(2).substring("data: ".length()).trim(), SERVER_ERROR,
                "upstream_error", null);
        assertThat(error.path("message").asText()).contains(PRIMARY);
        assertThat(events.get(3)).isEqualTo("data: [DONE]\n\n");
        assertThat(deployment.calls(SECONDARY)).as("secondary calls").isEqualTo(secondaryCalls);
    }
}
