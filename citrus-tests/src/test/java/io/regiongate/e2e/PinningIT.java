package io.regiongate.e2e;

import static io.regiongate.e2e.support.ChatClient.header;
import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.Deployment.receivesNothing;
import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.VendorReplies.answers;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static io.regiongate.e2e.support.VendorReplies.receivesRequest;
import static io.regiongate.e2e.support.VendorReplies.streams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayClients;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * An EU tenant's request that arrives at the US runtime is pinned to the EU: the US runtime
 * forwards it to its EU peer, which serves it from an EU upstream, whole or streamed. The US
 * upstream never hears of it, and the US runtime keeps nothing of the prompt, neither in its log
 * nor anywhere in its working directory. With the EU runtime gone, it fails closed with 503, and
 * its breaker for the EU peer opens.
 *
 * <p>The last scenario stops the EU runtime; it runs after the others.
 */
@CitrusSupport
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinningIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    /** Failed calls after which a breaker opens; the scenarios before the outage have none. */
    private static final int PEER_MINIMUM_CALLS = 2;
    private static final String EU_PRIMARY = "eu-primary";
    private static final String US_PRIMARY = "us-primary";
    private static final String EU_ANSWER = VendorReplies.completionJson("chatcmpl-eu", "served in eu-west-1");
    private static final List<String> EU_EVENTS =
            VendorReplies.streamEvents("chatcmpl-eu-stream", List.of("Pinned", "to", "the", "EU", "zone"));

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("pinning")
            .tenant(ACME_EU, "never")
            .circuitBreaker("default", new BreakerSettings(50, PEER_MINIMUM_CALLS, Duration.ofSeconds(60), 1, null))
            .citrusUpstream(Upstream.openAi(EU_PRIMARY, EU))
            .upstream(Upstream.openAi(US_PRIMARY, US), VendorReplies.completes("chatcmpl-us", "served in us-east-1"));
    private static final HttpClient usGatewayClient = deployment.client(US);
    private static final HttpServer euPrimary = deployment.server(EU_PRIMARY);

    private final SseClient streamingClient = new SseClient();
    private final ChatClient plainClient = new ChatClient();
    private String marker;
    private int usUpstreamCallsBefore;

    @BeforeEach
    void noteWhatTheUsUpstreamHasSeenSoFar() {
        marker = "pinning-" + UUID.randomUUID();
        usUpstreamCallsBefore = deployment.calls(US_PRIMARY);
    }

    @Test
    @CitrusTest
    void forwardsEuTenantsRequestFromUsRuntimeToEuAndServesItThere(@CitrusResource TestCaseRunner runner) {
        // given a healthy US upstream in the US runtime's own region
        // when the EU tenant's request arrives at the US runtime
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", ACME_EU.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then the prompt reaches the EU upstream, once
        runner.then(receivesRequest(euPrimary).message().type(MessageType.JSON)
                .validate(jsonPath().expression("$.messages[0].content", marker)));
        runner.then(answers(euPrimary, EU_ANSWER));
        runner.then(receivesNothing(euPrimary));

        // and the EU runtime serves it from its upstream; the peer was the first target, so no failover
        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.OK)
                .validate((message, context) -> assertThat(GatewayClients.header(message, "X-RegionGate-Failover"))
                        .as("X-RegionGate-Failover").isNull())
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .header("X-RegionGate-Upstream", EU_PRIMARY)
                .body(EU_ANSWER));

        // and nothing of it stayed in the US
        assertTheUsKeptNothing();
    }

    @Test
    @CitrusTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void streamsEuTenantsRequestThroughUsRuntimeFromEuUnchanged(@CitrusResource TestCaseRunner runner) throws Exception {
        // when the EU tenant asks the US runtime for a stream, which the EU upstream serves, once
        CompletableFuture<SseClient.Stream> asking = CompletableFuture.supplyAsync(() -> streamingClient.post(
                deployment.uri(US, "/v1/chat/completions"), ACME_EU.bearer(), chatRequest("gpt-4o", marker, true)));
        runner.then(receivesRequest(euPrimary));
        runner.then(streams(euPrimary, EU_EVENTS));
        runner.then(receivesNothing(euPrimary));

        List<ReceivedEvent> events;
        try (SseClient.Stream stream = asking.get(20, TimeUnit.SECONDS)) {
            // then the stream is served in the EU
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.header("X-RegionGate-Region")).contains(EU);
            assertThat(stream.header("X-RegionGate-Upstream")).contains(EU_PRIMARY);
            assertThat(stream.header("X-RegionGate-Failover")).isEmpty();
            events = stream.readAll();
        }
        // and carries exactly the EU upstream's events
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(EU_EVENTS);
        assertTheUsKeptNothing();
    }

    @Test
    @CitrusTest
    void refusesAClientThatClaimsToBeAForwardingPeer(@CitrusResource TestCaseRunner runner) {
        // when a client sends the EU tenant's request to the US runtime posing as the EU runtime
        HttpResponse<String> answer = plainClient.post(deployment.uri(US, "/v1/chat/completions"), ACME_EU,
                chatRequest("gpt-4o", marker, false), Map.of("X-RegionGate-Forwarded-By", EU));

        // then the US runtime refuses it (401: a forward without the link's proof), sends nothing on,
        // serves nothing, and its trail records the refusal
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(401);
        OpenAiErrorShape.assertError(answer.body(), INVALID_REQUEST, "peer_authentication_failed", null);
        runner.then(receivesNothing(euPrimary));
        assertTheUsKeptNothing();
        String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
        Poll.require(Duration.ofSeconds(10), () -> deployment.us().filesContaining(requestId).stream()
                        .anyMatch(file -> file.toString().endsWith(".jsonl")),
                () -> "the US trail has no record of the refused forward " + requestId);
        assertThat(deployment.us().filesContaining("\"error_code\":\"peer_authentication_failed\"")).isNotEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsClosedWith503WhenTheEuRuntimeIsDown() {
        // given the EU runtime stopped
        deployment.eu().close();

        // when the EU tenant's request arrives at the US runtime, whole and streamed (PEER_MINIMUM_CALLS calls)
        HttpResponse<String> whole = plainClient.post(deployment.uri(US, "/v1/chat/completions"), ACME_EU,
                chatRequest("gpt-4o", marker, false));
        String streamAnswer;
        int streamStatus;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri(US, "/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", marker, true))) {
            streamStatus = stream.status();
            streamAnswer = stream.remainingText();
        }

        // then it fails closed: 503 region_unavailable naming the tenant's policy, and the US upstream is not used
        assertThat(whole.statusCode()).as("status of %s", whole.body()).isEqualTo(503);
        assertThat(header(whole, "X-RegionGate-Region")).isEqualTo(US);
        assertThat(OpenAiErrorShape.assertError(whole.body(), SERVER_ERROR, "region_unavailable", null)
                .path("message").asText()).contains("acme-eu").contains("policy never").contains("eu-west-1");
        assertThat(streamStatus).as("status of the streamed request: %s", streamAnswer).isEqualTo(503);
        OpenAiErrorShape.assertError(streamAnswer, SERVER_ERROR, "region_unavailable", null);
        assertTheUsKeptNothing();

        // and after minimum-calls failed calls the US runtime's breaker for its EU peer is open, while it stays ready
        Readiness usReadiness = Readiness.of(deployment.us());
        assertThat(usReadiness.peerBreaker(EU)).as("breaker of the EU peer: %s", usReadiness.body()).isEqualTo("open");
        assertThat(usReadiness.upstreamBreaker(US_PRIMARY)).isEqualTo("closed");
        assertThat(usReadiness.status()).isEqualTo(200);
    }

    private void assertTheUsKeptNothing() {
        assertThat(deployment.calls(US_PRIMARY)).as("us-primary calls").isEqualTo(usUpstreamCallsBefore);
        assertThat(deployment.us().filesContaining(marker)).as("files of the US runtime holding the prompt").isEmpty();
        // the search does read the US runtime's files: its configuration holds the tenant's key hash
        assertThat(deployment.us().filesContaining(ACME_EU.apiKeySha256())).as("files holding the tenant's key hash")
                .isNotEmpty();
    }
}
