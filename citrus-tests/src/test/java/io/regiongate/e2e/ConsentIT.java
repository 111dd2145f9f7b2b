package io.regiongate.e2e;

import static io.regiongate.e2e.support.ChatClient.header;
import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.TwoRegionDeployment.EU;
import static io.regiongate.e2e.support.TwoRegionDeployment.US;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.GatewayClients;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.PeerTap;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.ScriptedUpstream.ReceivedRequest;
import io.regiongate.e2e.support.SwitchableBehaviour;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.TwoRegionDeployment;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.http.HttpStatus;

/**
 * A {@code with-consent} tenant homed in the US: without consent it fails closed like a
 * {@code never} tenant; with {@code X-RegionGate-Consent} its request may go to the EU when the US
 * is down. The consent id travels with the forwarded request (seen by a tap in front of the EU
 * runtime), and the EU runtime decides on it itself: without it, it refuses the forwarded request.
 */
@CitrusSupport
class ConsentIT {

    private static final TestTenant INITECH_US = TestTenant.of("initech-us", "us");
    private static final String CONSENT_ID = "c-123";
    private static final String US_PRIMARY = "us-primary";
    private static final String EU_PRIMARY = "eu-primary";
    private static final String US_ANSWER = VendorReplies.completionJson("chatcmpl-us", "served in us-east-1");
    private static final String EU_ANSWER = VendorReplies.completionJson("chatcmpl-eu", "served in eu-west-1");

    private static final SwitchableBehaviour usPrimary = SwitchableBehaviour.startingAs(VendorReplies.fails(500));
    private static final TwoRegionDeployment deployment = TwoRegionDeployment.named("consent");
    private static final HttpClient usGatewayClient = GatewayClients.citrus(deployment.baseUrl(US));
    private static ScriptedUpstream vendors;
    private static PeerTap euRuntimeTap;
    private static Upstream euPrimary;

    private final ChatClient plainClient = new ChatClient();
    private String marker;
    private int euRuntimeRequestsBefore;
    private int euUpstreamCallsBefore;

    @BeforeAll
    static void startVendorsAndBothRegions() {
        vendors = ScriptedUpstream.start();
        euRuntimeTap = PeerTap.inFrontOf(deployment.baseUrl(EU));
        euPrimary = Upstream.openAi(EU_PRIMARY, EU, vendors.endpoint(EU_PRIMARY, ScriptedUpstream.answering(200, EU_ANSWER, Map.of())));
        deployment.tenant(INITECH_US, "with-consent")
                .circuitBreaker("default", BreakerSettings.lenient())
                .upstream(Upstream.openAi(US_PRIMARY, US, vendors.endpoint(US_PRIMARY, usPrimary)))
                .upstream(euPrimary)
                .reachedVia(EU, euRuntimeTap.baseUrl())
                .start();
    }

    @AfterAll
    static void stopEverything() {
        deployment.close();
        if (euRuntimeTap != null) {
            euRuntimeTap.close();
        }
        if (vendors != null) {
            vendors.close();
        }
    }

    @BeforeEach
    void noteWhatTheEuHasSeenSoFar() {
        marker = "consent-" + UUID.randomUUID();
        euRuntimeRequestsBefore = euRuntimeTap.passed().size();
        euUpstreamCallsBefore = vendors.count(EU_PRIMARY);
    }

    @Test
    @CitrusTest
    void refusesWith503LikeNeverWhenUsIsDownAndNoConsentIsGiven(@CitrusResource TestCaseRunner runner) {
        // given the US upstream down
        usPrimary.become(VendorReplies.fails(500));

        // when the with-consent tenant asks without consent
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", INITECH_US.bearer())
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then it fails closed in its home zone, naming its policy
        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.SERVICE_UNAVAILABLE)
                .validate((message, context) -> assertThat(OpenAiErrorShape.assertError(message.getPayload(String.class),
                        SERVER_ERROR, "region_unavailable", null).path("message").asText())
                        .contains("us-east-1 unavailable")
                        .contains("cross-border failover not permitted for tenant initech-us (policy with-consent)"))
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", US)
                .body(OpenAiErrorShape.expected(SERVER_ERROR, "region_unavailable", null)));

        // and nothing went to the EU
        assertThat(euRuntimeTap.passed()).as("requests that reached the EU runtime").hasSize(euRuntimeRequestsBefore);
        assertThat(vendors.count(EU_PRIMARY)).as("eu-primary calls").isEqualTo(euUpstreamCallsBefore);
    }

    @Test
    @CitrusTest
    void servesFromEuWithConsentAndForwardsTheConsentId(@CitrusResource TestCaseRunner runner) {
        // given the US upstream down
        usPrimary.become(VendorReplies.fails(500));

        // when the tenant asks with its consent id
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", INITECH_US.bearer())
                .header("X-RegionGate-Consent", CONSENT_ID)
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then the EU runtime serves it
        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .header("X-RegionGate-Upstream", EU_PRIMARY)
                .header("X-RegionGate-Failover", "us-primary:http-500>peer-eu-west-1:ok")
                .body(EU_ANSWER));

        // and the EU runtime received the request forwarded by the US one, with the consent and the client's own key
        assertThat(euRuntimeTap.passed()).as("requests that reached the EU runtime").hasSize(euRuntimeRequestsBefore + 1);
        PeerTap.Passed forwarded = euRuntimeTap.passed().get(euRuntimeRequestsBefore);
        assertThat(forwarded.path()).isEqualTo("/v1/chat/completions");
        assertThat(forwarded.header("X-RegionGate-Forwarded-By")).isEqualTo(US);
        assertThat(forwarded.header("X-RegionGate-Consent")).isEqualTo(CONSENT_ID);
        assertThat(forwarded.header("Authorization")).isEqualTo(INITECH_US.bearer());
        assertThat(forwarded.body()).contains(marker);

        // and the EU upstream got the prompt, with the EU runtime's key
        assertThat(vendors.received(EU_PRIMARY)).as("eu-primary calls").hasSize(euUpstreamCallsBefore + 1);
        ReceivedRequest euCall = vendors.received(EU_PRIMARY).get(euUpstreamCallsBefore);
        assertThat(euCall.body()).contains(marker);
        assertThat(euCall.header("Authorization")).isEqualTo("Bearer " + euPrimary.key());
    }

    @Test
    @CitrusTest
    void staysAtHomeWithConsentWhileUsIsHealthy(@CitrusResource TestCaseRunner runner) {
        // given the US upstream healthy
        usPrimary.become(ScriptedUpstream.answering(200, US_ANSWER, Map.of()));

        // when the tenant asks with consent
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", INITECH_US.bearer())
                .header("X-RegionGate-Consent", CONSENT_ID)
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then consent only widens where it may go: the home region serves
        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", US)
                .header("X-RegionGate-Upstream", US_PRIMARY)
                .body(US_ANSWER));
        assertThat(euRuntimeTap.passed()).as("requests that reached the EU runtime").hasSize(euRuntimeRequestsBefore);
    }

    @Test
    void euRuntimeRefusesForwardedRequestThatCarriesNoConsent() {
        // given a request forwarded to the EU runtime as the US runtime would, but without consent
        HttpResponse<String> withoutConsent = plainClient.post(deployment.uri(EU, "/v1/chat/completions"), INITECH_US,
                chatRequest("gpt-4o", marker, false), Map.of("X-RegionGate-Forwarded-By", US));

        // then the EU runtime does not serve the US tenant
        assertThat(withoutConsent.statusCode()).as("status of %s", withoutConsent.body()).isEqualTo(503);
        assertThat(OpenAiErrorShape.assertError(withoutConsent.body(), SERVER_ERROR, "region_unavailable", null)
                .path("message").asText()).contains("initech-us").contains("eu-west-1");
        assertThat(vendors.count(EU_PRIMARY)).as("eu-primary calls").isEqualTo(euUpstreamCallsBefore);

        // and with the consent it does
        HttpResponse<String> withConsent = plainClient.post(deployment.uri(EU, "/v1/chat/completions"), INITECH_US,
                chatRequest("gpt-4o", marker, false), Map.of("X-RegionGate-Forwarded-By", US, "X-RegionGate-Consent", CONSENT_ID));
        assertThat(withConsent.statusCode()).as("status of %s", withConsent.body()).isEqualTo(200);
        assertThat(header(withConsent, "X-RegionGate-Upstream")).isEqualTo(EU_PRIMARY);
    }

    @Test
    @CitrusTest
    void rejectsMalformedConsentIdWith400(@CitrusResource TestCaseRunner runner) {
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions")
                .message().header("Authorization", INITECH_US.bearer())
                .header("X-RegionGate-Consent", "not a consent id")
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.BAD_REQUEST)
                .message().type(MessageType.JSON)
                .body(OpenAiErrorShape.expected(INVALID_REQUEST, "invalid_consent", null)));
        assertThat(euRuntimeTap.passed()).as("requests that reached the EU runtime").hasSize(euRuntimeRequestsBefore);
    }
}
