package io.regiongate.e2e;

import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.TwoRegionDeployment.EU;
import static io.regiongate.e2e.support.TwoRegionDeployment.US;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayClients;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.PeerTap;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.TwoRegionDeployment;
import io.regiongate.e2e.support.VendorReplies;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpStatus;

/**
 * Residency fails closed: when every upstream of an EU tenant's home zone fails, the tenant gets
 * 503 {@code region_unavailable} naming its policy, and not one byte of the request reaches the
 * US, neither its runtime (watched through a tap in front of it) nor its upstream. A tenant whose
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

    private static final TwoRegionDeployment deployment = TwoRegionDeployment.named("fail-closed");
    private static final HttpClient euGatewayClient = GatewayClients.citrus(deployment.baseUrl(EU));
    private static ScriptedUpstream vendors;
    private static PeerTap usRuntimeTap;

    private final SseClient streamingClient = new SseClient();
    private String marker;
    private int usUpstreamCallsBefore;
    private int usRuntimeRequestsBefore;

    @BeforeAll
    static void startVendorsAndBothRegions() {
        vendors = ScriptedUpstream.start();
        usRuntimeTap = PeerTap.inFrontOf(deployment.baseUrl(US));
        deployment.tenant(ACME_EU, "never")
                .tenant(GLOBEX_US, "allowed")
                .circuitBreaker("default", BreakerSettings.lenient())
                .upstream(Upstream.openAi(EU_PRIMARY, EU, vendors.endpoint(EU_PRIMARY, VendorReplies.fails(500))).priority(1))
                .upstream(Upstream.openAi(EU_SECONDARY, EU, vendors.endpoint(EU_SECONDARY, VendorReplies.fails(502))).priority(2))
                .upstream(Upstream.openAi(US_PRIMARY, US,
                        vendors.endpoint(US_PRIMARY, ScriptedUpstream.answering(200, US_ANSWER, Map.of()))))
                .reachedVia(US, usRuntimeTap.baseUrl())
                .start();
    }

    @AfterAll
    static void stopEverything() {
        deployment.close();
        if (usRuntimeTap != null) {
            usRuntimeTap.close();
        }
        if (vendors != null) {
            vendors.close();
        }
    }

    @BeforeEach
    void noteWhatTheUsHasSeenSoFar() {
        marker = "fail-closed-" + UUID.randomUUID();
        usUpstreamCallsBefore = vendors.count(US_PRIMARY);
        usRuntimeRequestsBefore = usRuntimeTap.passed().size();
    }

    @Test
    @CitrusTest
    void refusesEuTenantWith503NamingItsPolicyWhenEveryEuUpstreamFails(@CitrusResource TestCaseRunner runner) {
        int euPrimaryBefore = vendors.count(EU_PRIMARY);
        int euSecondaryBefore = vendors.count(EU_SECONDARY);

        // given every EU upstream failing (eu-primary 500, eu-secondary 502) and the US healthy
        // when the EU tenant (cross-border: never) asks the EU runtime
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", ACME_EU.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then it gets 503 region_unavailable naming the region tried and the policy that kept it there
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.SERVICE_UNAVAILABLE)
                .validate((message, context) -> assertThat(OpenAiErrorShape.assertError(message.getPayload(String.class),
                        SERVER_ERROR, "region_unavailable", null).path("message").asText())
                        .contains("eu-west-1 unavailable")
                        .contains("cross-border failover not permitted for tenant acme-eu (policy never)"))
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .body(OpenAiErrorShape.expected(SERVER_ERROR, "region_unavailable", null)));

        // and both EU upstreams were tried with the prompt first
        assertThat(vendors.received(EU_PRIMARY)).as("eu-primary calls").hasSize(euPrimaryBefore + 1);
        assertThat(vendors.received(EU_SECONDARY)).as("eu-secondary calls").hasSize(euSecondaryBefore + 1);
        assertThat(vendors.received(EU_SECONDARY).get(euSecondaryBefore).body()).contains(marker);
        // and nothing at all went to the US
        assertNothingReachedTheUs();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void refusesEuTenantsStreamWith503BeforeAnyEventWhenEveryEuUpstreamFails() {
        // given every EU upstream failing; when the EU tenant asks for a stream
        try (SseClient.Stream stream = streamingClient.post(deployment.uri(EU, "/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", marker, true))) {
            // then no stream opens: a plain 503 region_unavailable
            assertThat(stream.status()).isEqualTo(503);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(OpenAiErrorShape.assertError(stream.remainingText(), SERVER_ERROR, "region_unavailable", null)
                    .path("message").asText()).contains("policy never");
        }
        // and nothing went to the US
        assertNothingReachedTheUs();
    }

    @Test
    @CitrusTest
    void servesAllowedTenantFromUsPeerInTheSameOutage(@CitrusResource TestCaseRunner runner) {
        // given the same outage; when a tenant whose policy is 'allowed' asks the EU runtime
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", GLOBEX_US.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then the US runtime serves it from its upstream, and the answer says so and names the hops
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", US)
                .header("X-RegionGate-Upstream", US_PRIMARY)
                .header("X-RegionGate-Failover", "eu-primary:http-500>eu-secondary:http-502>peer-us-east-1:ok")
                .body(US_ANSWER));

        // and the tap in front of the US runtime saw the forwarded request: the way to the US is watched
        assertThat(usRuntimeTap.passed()).as("requests that reached the US runtime").hasSize(usRuntimeRequestsBefore + 1);
        PeerTap.Passed forwarded = usRuntimeTap.passed().get(usRuntimeRequestsBefore);
        assertThat(forwarded.header("X-RegionGate-Forwarded-By")).isEqualTo(EU);
        assertThat(forwarded.body()).contains(marker);
        assertThat(vendors.received(US_PRIMARY)).as("us-primary calls").hasSize(usUpstreamCallsBefore + 1);
    }

    @Test
    @CitrusTest
    void keepsAllowedTenantInEuWhenItNarrowsResidencyToEu(@CitrusResource TestCaseRunner runner) {
        // given the same outage; when the 'allowed' tenant narrows this request to the EU zone
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", GLOBEX_US.bearer())
                .header("X-RegionGate-Residency", "eu")
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then it is not served from the US: 503 region_unavailable
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.SERVICE_UNAVAILABLE)
                .validate((message, context) -> assertThat(OpenAiErrorShape.assertError(message.getPayload(String.class),
                        SERVER_ERROR, "region_unavailable", null).path("message").asText())
                        .contains("eu-west-1 unavailable")
                        .contains("narrowed to zone eu"))
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(SERVER_ERROR, "region_unavailable", null)));
        assertNothingReachedTheUs();
    }

    @Test
    @CitrusTest
    void refusesEuTenantsResidencyHeaderThatWouldWidenToUsWith403(@CitrusResource TestCaseRunner runner) {
        int vendorCallsBefore = vendors.received().size();

        // when the EU tenant asks for its request to run in the US zone
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", ACME_EU.bearer())
                .header("X-RegionGate-Residency", "us")
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then it is refused: the header only narrows; nothing is called anywhere
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.FORBIDDEN)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "residency_not_permitted", null)));
        assertThat(vendors.received()).as("vendor calls").hasSize(vendorCallsBefore);
        assertNothingReachedTheUs();
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
        assertNothingReachedTheUs();
    }

    private void assertNothingReachedTheUs() {
        assertThat(usRuntimeTap.passed()).as("requests that reached the US runtime").hasSize(usRuntimeRequestsBefore);
        assertThat(vendors.received(US_PRIMARY)).as("us-primary calls").hasSize(usUpstreamCallsBefore);
        assertThat(deployment.us().filesContaining(marker)).as("files of the US runtime holding the prompt").isEmpty();
    }
}
