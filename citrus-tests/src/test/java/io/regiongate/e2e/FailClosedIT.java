package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.Deployment.receivesNothing;
import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.VendorReplies.answersError;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static io.regiongate.e2e.support.VendorReplies.receivesRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.PeerHop;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.citrusframework.TestBehavior;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * Residency fails closed: when every upstream of an EU tenant's home zone fails, the tenant gets
 * 503 {@code region_unavailable} naming its policy, and not one byte of the request reaches the
 * US, neither its runtime (watched on a Citrus hop in front of it) nor its upstream. A tenant whose
 * policy allows it is served from the US in the very same outage, which shows the way there is
 * open and watched. A residency header can narrow where a request runs, never widen it.
 */
@CitrusSupport
class FailClosedIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final String EU_PRIMARY = "eu-primary";
    private static final String EU_SECONDARY = "eu-secondary";
    private static final String US_PRIMARY = "us-primary";
    private static final String US_ANSWER = VendorReplies.completionJson("chatcmpl-us-1", "served in us-east-1");

    /** The EU upstreams fail every request in this outage; the scenarios answer them so, and see what they got. */
    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("fail-closed")
            .tenant(ACME_EU, "never")
            .tenant(GLOBEX_US, "allowed")
            .circuitBreaker("default", BreakerSettings.lenient())
            .citrusUpstream(Upstream.openAi(EU_PRIMARY, EU).priority(1))
            .citrusUpstream(Upstream.openAi(EU_SECONDARY, EU).priority(2))
            .upstream(Upstream.openAi(US_PRIMARY, US), ScriptedUpstream.answering(200, US_ANSWER, Map.of()))
            .peerHop(US);
    private static final HttpClient euGatewayClient = deployment.client(EU);
    private static final HttpServer euPrimary = deployment.server(EU_PRIMARY);
    private static final HttpServer euSecondary = deployment.server(EU_SECONDARY);
    private static final PeerHop usRuntimeHop = deployment.hop(US);

    private final SseClient streamingClient = new SseClient();
    private String marker;
    private int usUpstreamCallsBefore;

    @BeforeEach
    void noteWhatTheUsUpstreamHasSeenSoFar() {
        marker = "fail-closed-" + UUID.randomUUID();
        usUpstreamCallsBefore = deployment.calls(US_PRIMARY);
    }

    /** Every EU upstream is tried with the prompt and fails: eu-primary with 500, then eu-secondary with 502. */
    private TestBehavior everyEuUpstreamFails() {
        return runner -> {
            runner.run(receivesRequest(euPrimary).message().type(MessageType.JSON)
                    .validate(jsonPath().expression("$.messages[0].content", marker)));
            runner.run(answersError(euPrimary, 500));
            runner.run(receivesRequest(euSecondary).message().type(MessageType.JSON)
                    .validate(jsonPath().expression("$.messages[0].content", marker)));
            runner.run(answersError(euSecondary, 502));
        };
    }

    @Test
    @CitrusTest
    void refusesEuTenantWith503NamingItsPolicyWhenEveryEuUpstreamFails(@CitrusResource TestCaseRunner runner) {
        // given the US healthy
        // when the EU tenant (cross-border: never) asks the EU runtime
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", ACME_EU.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));
        // and every EU upstream fails it (eu-primary 500, eu-secondary 502), each tried once with the prompt
        runner.then(runner.applyBehavior(everyEuUpstreamFails()));

        // then it gets 503 region_unavailable naming the region tried and the policy that kept it there
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.SERVICE_UNAVAILABLE)
                .validate((message, context) -> assertThat(OpenAiErrorShape.assertError(message.getPayload(String.class),
                        SERVER_ERROR, "region_unavailable", null).path("message").asText())
                        .contains("eu-west-1 unavailable")
                        .contains("cross-border failover not permitted for tenant acme-eu (policy never)"))
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .body(OpenAiErrorShape.expected(SERVER_ERROR, "region_unavailable", null)));
        runner.then(receivesNothing(euPrimary));
        runner.then(receivesNothing(euSecondary));

        // and nothing at all went to the US
        assertNothingReachedTheUs(runner);
    }

    @Test
    @CitrusTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void refusesEuTenantsStreamWith503BeforeAnyEventWhenEveryEuUpstreamFails(@CitrusResource TestCaseRunner runner)
            throws Exception {
        // when the EU tenant asks for a stream, and every EU upstream fails it
        CompletableFuture<SseClient.Stream> asking = CompletableFuture.supplyAsync(() -> streamingClient.post(
                deployment.uri(EU, "/v1/chat/completions"), ACME_EU.bearer(), chatRequest("gpt-4o", marker, true)));
        runner.then(runner.applyBehavior(everyEuUpstreamFails()));

        try (SseClient.Stream stream = asking.get(20, TimeUnit.SECONDS)) {
            // then no stream opens: a plain 503 region_unavailable
            assertThat(stream.status()).isEqualTo(503);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(OpenAiErrorShape.assertError(stream.remainingText(), SERVER_ERROR, "region_unavailable", null)
                    .path("message").asText()).contains("policy never");
        }
        // and nothing went to the US
        assertNothingReachedTheUs(runner);
    }

    @Test
    @CitrusTest
    void servesAllowedTenantFromUsPeerInTheSameOutage(@CitrusResource TestCaseRunner runner) {
        // given the same outage; when a tenant whose policy is 'allowed' asks the EU runtime
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", GLOBEX_US.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));
        runner.then(runner.applyBehavior(everyEuUpstreamFails()));

        // then the hop in front of the US runtime sees the forwarded request, once: the way to the US is watched
        runner.then(usRuntimeHop.receive().message().type(MessageType.JSON)
                .header("X-RegionGate-Forwarded-By", EU)
                .validate(jsonPath().expression("$.messages[0].content", marker)));
        runner.then(usRuntimeHop.passOn());
        runner.then(usRuntimeHop.answer());
        runner.then(usRuntimeHop.forwardsNothing());

        // and the US runtime serves it from its upstream, and the answer says so and names the hops
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", US)
                .header("X-RegionGate-Upstream", US_PRIMARY)
                .header("X-RegionGate-Failover", "eu-primary:http-500>eu-secondary:http-502>peer-us-east-1:ok")
                .body(US_ANSWER));
        assertThat(deployment.calls(US_PRIMARY)).as("us-primary calls").isEqualTo(usUpstreamCallsBefore + 1);
    }

    @Test
    @CitrusTest
    void keepsAllowedTenantInEuWhenItNarrowsResidencyToEu(@CitrusResource TestCaseRunner runner) {
        // given the same outage; when the 'allowed' tenant narrows this request to the EU zone
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", GLOBEX_US.bearer())
                .header("X-RegionGate-Residency", "eu")
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));
        runner.then(runner.applyBehavior(everyEuUpstreamFails()));

        // then it is not served from the US: 503 region_unavailable
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.SERVICE_UNAVAILABLE)
                .validate((message, context) -> assertThat(OpenAiErrorShape.assertError(message.getPayload(String.class),
                        SERVER_ERROR, "region_unavailable", null).path("message").asText())
                        .contains("eu-west-1 unavailable")
                        .contains("narrowed to zone eu"))
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(SERVER_ERROR, "region_unavailable", null)));
        assertNothingReachedTheUs(runner);
    }

    @Test
    @CitrusTest
    void refusesEuTenantsResidencyHeaderThatWouldWidenToUsWith403(@CitrusResource TestCaseRunner runner) {
        // when the EU tenant asks for its request to run in the US zone
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", ACME_EU.bearer())
                .header("X-RegionGate-Residency", "us")
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then it is refused: the header only narrows; nothing is called anywhere
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.FORBIDDEN)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "residency_not_permitted", null)));
        runner.then(receivesNothing(euPrimary));
        runner.then(receivesNothing(euSecondary));
        assertNothingReachedTheUs(runner);
    }

    @Test
    @CitrusTest
    void rejectsUnknownResidencyZoneWith400(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", ACME_EU.bearer())
                .header("X-RegionGate-Residency", "mars")
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.BAD_REQUEST)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "unknown_zone", null)));
        assertNothingReachedTheUs(runner);
    }

    private void assertNothingReachedTheUs(TestCaseRunner runner) {
        runner.then(usRuntimeHop.forwardsNothing());
        assertThat(deployment.calls(US_PRIMARY)).as("us-primary calls").isEqualTo(usUpstreamCallsBefore);
        assertThat(deployment.us().filesContaining(marker)).as("files of the US runtime holding the prompt").isEmpty();
    }
}
