package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.Deployment.receivesNothing;
import static io.regiongate.e2e.support.VendorReplies.answers;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static io.regiongate.e2e.support.VendorReplies.receivesRequest;
import static io.regiongate.e2e.support.VendorReplies.streams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayClients;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * A US tenant whose policy allows other regions is served by the EU runtime when every US upstream
 * is down: the US runtime forwards the request to its EU peer, which serves it from its own
 * upstream; the answer names the region and upstream that really served it and every hop taken.
 * While the US is healthy the tenant stays at home.
 */
@CitrusSupport
class CrossRegionFailoverIT {

    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final String US_PRIMARY = "us-primary";
    private static final String US_SECONDARY = "us-secondary";
    private static final String EU_PRIMARY = "eu-primary";
    private static final String US_ANSWER = VendorReplies.completionJson("chatcmpl-us", "served in us-east-1");
    private static final String EU_ANSWER = VendorReplies.completionJson("chatcmpl-eu", "served in eu-west-1");
    private static final List<String> EU_EVENTS =
            VendorReplies.streamEvents("chatcmpl-eu-stream", List.of("Served", "from", "the", "EU", "peer"));

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("cross-region-failover")
            .tenant(GLOBEX_US, "allowed")
            .circuitBreaker("default", BreakerSettings.lenient())
            .upstream(Upstream.openAi(US_PRIMARY, US).priority(1), ScriptedUpstream.answering(200, US_ANSWER, Map.of()))
            // nothing listens there: the connection is refused
            .upstream(Upstream.unreachable(US_SECONDARY, US).priority(2))
            .citrusUpstream(Upstream.openAi(EU_PRIMARY, EU));
    private static final HttpClient usGatewayClient = deployment.client(US);
    private static final HttpServer euPrimary = deployment.server(EU_PRIMARY);

    private final SseClient streamingClient = new SseClient();

    @Test
    @CitrusTest
    void servesUsTenantAtHomeWithoutFailoverWhileUsIsHealthy(@CitrusResource TestCaseRunner runner) {
        deployment.vendor(US_PRIMARY).become(ScriptedUpstream.answering(200, US_ANSWER, Map.of()));

        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", GLOBEX_US.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", "home-" + UUID.randomUUID(), false)));

        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.OK)
                .validate((message, context) -> assertThat(GatewayClients.header(message, "X-RegionGate-Failover"))
                        .as("X-RegionGate-Failover when the first target served").isNull())
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", US)
                .header("X-RegionGate-Upstream", US_PRIMARY)
                .body(US_ANSWER));
        runner.then(receivesNothing(euPrimary));
    }

    @Test
    @CitrusTest
    void failsOverToEuPeerWhenEveryUsUpstreamIsDown(@CitrusResource TestCaseRunner runner) {
        String marker = "cross-region-" + UUID.randomUUID();

        // given us-primary answering 500 and us-secondary refusing connections
        deployment.vendor(US_PRIMARY).become(VendorReplies.fails(500));

        // when the US tenant asks its home runtime
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", GLOBEX_US.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then the EU upstream gets the prompt once, with the EU runtime's own key, never the client's
        runner.then(receivesRequest(euPrimary)
                .validate((message, context) -> assertThat(message.getHeaders().toString())
                        .as("headers the EU upstream received").doesNotContain(GLOBEX_US.apiKey()))
                .message().type(MessageType.JSON)
                .header("Authorization", "Bearer " + deployment.upstream(EU_PRIMARY).key())
                .validate(jsonPath().expression("$.messages[0].content", marker)));
        runner.then(answers(euPrimary, EU_ANSWER));

        // and the answer names the EU region, its upstream, and the hops
        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .header("X-RegionGate-Upstream", EU_PRIMARY)
                .header("X-RegionGate-Failover", "us-primary:http-500>us-secondary:connect-error>peer-eu-west-1:ok")
                .body(EU_ANSWER)
                .extract(GatewayClients.headerVariable("X-Request-Id", "requestId")));
        runner.then(receivesNothing(euPrimary));

        // and both regions' trails hold it, joined by the arrival id: the timeline shows it once, with its hops
        runner.then(context -> assertOneTimelineEntry(context.getVariable("requestId")));
    }

    private static void assertOneTimelineEntry(String arrivalId) {
        Path usTrail = deployment.us().directory().resolve("data/audit");
        Path euTrail = deployment.eu().directory().resolve("data/audit");
        String forwardedBy = "\"forwarded_by\":{\"region\":\"us-east-1\",\"request_id\":\"" + arrivalId + "\"}";
        Poll.require(Duration.ofSeconds(10), () -> !deployment.eu().filesContaining(forwardedBy).isEmpty()
                        && !deployment.us().filesContaining("\"forwarded_to\":{\"region\":\"eu-west-1\"").isEmpty(),
                () -> "the trails do not both name the forward of " + arrivalId);
        GatewayProcess.CommandResult timeline = GatewayProcess.runCommand(Duration.ofSeconds(60), "audit", "timeline",
                "--journal", usTrail.toString(), "--journal", euTrail.toString());
        System.out.println("[e2e] audit timeline:\n" + timeline.output());

        assertThat(timeline.exitCode()).as(timeline.output()).isZero();
        List<String> lines = timeline.output().lines().filter(line -> line.contains(arrivalId)).toList();
        assertThat(lines).as("the forwarded request's lines in the timeline").hasSize(1);
        assertThat(lines.get(0)).contains("us-east-1")
                .contains("hops us-primary:http-500 > us-secondary:connect-error > peer-eu-west-1:ok")
                .containsPattern("-> eu-west-1 req_[0-9a-f]{32} 200 complete");
    }

    @Test
    @CitrusTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void streamsFromEuPeerUnchangedWhenEveryUsUpstreamIsDown(@CitrusResource TestCaseRunner runner) throws Exception {
        // given every US upstream down
        deployment.vendor(US_PRIMARY).become(VendorReplies.fails(500));

        // when the US tenant asks for a stream, which the EU upstream serves
        CompletableFuture<SseClient.Stream> asking = CompletableFuture.supplyAsync(() -> streamingClient.post(
                deployment.uri(US, "/v1/chat/completions"), GLOBEX_US.bearer(),
                chatRequest("gpt-4o", "cross-region-stream-" + UUID.randomUUID(), true)));
        runner.then(receivesRequest(euPrimary));
        runner.then(streams(euPrimary, EU_EVENTS));

        List<ReceivedEvent> events;
        try (SseClient.Stream stream = asking.get(20, TimeUnit.SECONDS)) {
            // then the stream comes from the EU peer's upstream
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.header("X-RegionGate-Region")).contains(EU);
            assertThat(stream.header("X-RegionGate-Upstream")).contains(EU_PRIMARY);
            assertThat(stream.header("X-RegionGate-Failover"))
                    .contains("us-primary:http-500>us-secondary:connect-error>peer-eu-west-1:ok");
            events = stream.readAll();
        }
        // and it carries exactly the EU upstream's events, byte for byte
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(EU_EVENTS);
    }
}
