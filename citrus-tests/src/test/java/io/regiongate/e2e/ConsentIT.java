package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.Deployment.receivesNothing;
import static io.regiongate.e2e.support.OpenAiErrorShape.INVALID_REQUEST;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.VendorReplies.answers;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static io.regiongate.e2e.support.VendorReplies.receivesRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.PeerForward;
import io.regiongate.e2e.support.PeerHop;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * A {@code with-consent} tenant homed in the US: without consent it fails closed like a
 * {@code never} tenant; with {@code X-RegionGate-Consent} its request may go to the EU when the US
 * is down. The consent id travels with the forwarded request (seen on a Citrus hop in front of the
 * EU runtime), and the EU runtime decides on it itself: without it, it refuses the forwarded request.
 */
@CitrusSupport
class ConsentIT {

    private static final TestTenant INITECH_US = TestTenant.of("initech-us", "us");
    private static final String CONSENT_ID = "c-123";
    private static final String US_PRIMARY = "us-primary";
    private static final String EU_PRIMARY = "eu-primary";
    private static final String US_ANSWER = VendorReplies.completionJson("chatcmpl-us", "served in us-east-1");
    private static final String EU_ANSWER = VendorReplies.completionJson("chatcmpl-eu", "served in eu-west-1");

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("consent")
            .tenant(INITECH_US, "with-consent")
            .circuitBreaker("default", BreakerSettings.lenient())
            .upstream(Upstream.openAi(US_PRIMARY, US), VendorReplies.fails(500))
            .citrusUpstream(Upstream.openAi(EU_PRIMARY, EU))
            .peerHop(EU);
    private static final HttpClient usGatewayClient = deployment.client(US);
    private static final HttpClient euGatewayClient = deployment.client(EU);
    private static final HttpServer euPrimary = deployment.server(EU_PRIMARY);
    private static final PeerHop euRuntimeHop = deployment.hop(EU);

    private final ChatClient plainClient = new ChatClient();
    private String marker;

    @BeforeEach
    void newMarker() {
        marker = "consent-" + UUID.randomUUID();
    }

    @Test
    @CitrusTest
    void refusesWith503LikeNeverWhenUsIsDownAndNoConsentIsGiven(@CitrusResource TestCaseRunner runner) {
        // given the US upstream down
        deployment.vendor(US_PRIMARY).become(VendorReplies.fails(500));

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
        runner.then(euRuntimeHop.forwardsNothing());
        runner.then(receivesNothing(euPrimary));
    }

    @Test
    @CitrusTest
    void servesFromEuWithConsentAndForwardsTheConsentId(@CitrusResource TestCaseRunner runner) {
        // given the US upstream down
        deployment.vendor(US_PRIMARY).become(VendorReplies.fails(500));

        // when the tenant asks with its consent id
        runner.when(http().client(usGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", INITECH_US.bearer())
                .header("X-RegionGate-Consent", CONSENT_ID)
                .contentType("application/json").body(chatRequest("gpt-4o", marker, false)));

        // then the US runtime forwards it to the EU runtime, with the consent and the client's own key
        runner.then(euRuntimeHop.receive().message().type(MessageType.JSON)
                .header("X-RegionGate-Forwarded-By", US)
                .header("X-RegionGate-Consent", CONSENT_ID)
                .header("Authorization", INITECH_US.bearer())
                .validate(jsonPath().expression("$.messages[0].content", marker)));
        runner.then(euRuntimeHop.passOn());

        // and the EU upstream gets the prompt, with the EU runtime's key
        runner.then(receivesRequest(euPrimary).message().type(MessageType.JSON)
                .header("Authorization", "Bearer " + deployment.upstream(EU_PRIMARY).key())
                .validate(jsonPath().expression("$.messages[0].content", marker)));
        runner.then(answers(euPrimary, EU_ANSWER));
        runner.then(euRuntimeHop.answer());

        // and the EU runtime serves it, once
        runner.then(http().client(usGatewayClient).receive().response(HttpStatus.OK)
                .message().type(MessageType.JSON)
                .header("X-RegionGate-Region", EU)
                .header("X-RegionGate-Upstream", EU_PRIMARY)
                .header("X-RegionGate-Failover", "us-primary:http-500>peer-eu-west-1:ok")
                .body(EU_ANSWER));
        runner.then(euRuntimeHop.forwardsNothing());
        runner.then(receivesNothing(euPrimary));
    }

    @Test
    @CitrusTest
    void staysAtHomeWithConsentWhileUsIsHealthy(@CitrusResource TestCaseRunner runner) {
        // given the US upstream healthy
        deployment.vendor(US_PRIMARY).become(ScriptedUpstream.answering(200, US_ANSWER, Map.of()));

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
        runner.then(euRuntimeHop.forwardsNothing());
    }

    @Test
    @CitrusTest
    void euRuntimeRefusesForwardedRequestThatCarriesNoConsent(@CitrusResource TestCaseRunner runner) {
        // given a request forwarded to the EU runtime as the US runtime would (signed), but without consent
        String request = chatRequest("gpt-4o", marker, false);
        HttpResponse<String> withoutConsent = plainClient.post(deployment.uri(EU, "/v1/chat/completions"), INITECH_US,
                request, PeerForward.from(US, request));

        // then the EU runtime does not serve the US tenant
        assertThat(withoutConsent.statusCode()).as("status of %s", withoutConsent.body()).isEqualTo(503);
        assertThat(OpenAiErrorShape.assertError(withoutConsent.body(), SERVER_ERROR, "region_unavailable", null)
                .path("message").asText()).contains("initech-us").contains("eu-west-1");
        runner.then(receivesNothing(euPrimary));

        // and with the consent it does
        Map<String, String> forward = PeerForward.from(US, request);
        runner.when(http().client(euGatewayClient).send().post("/v1/chat/completions").fork(true)
                .message().header("Authorization", INITECH_US.bearer())
                .header("X-RegionGate-Forwarded-By", US)
                .header("X-RegionGate-Arrival-Request-Id", forward.get("X-RegionGate-Arrival-Request-Id"))
                .header("X-RegionGate-Peer-Signature", forward.get("X-RegionGate-Peer-Signature"))
                .header("X-RegionGate-Consent", CONSENT_ID)
                .contentType("application/json").body(request));
        runner.then(receivesRequest(euPrimary));
        runner.then(answers(euPrimary, EU_ANSWER));
        runner.then(http().client(euGatewayClient).receive().response(HttpStatus.OK)
                .message().header("X-RegionGate-Upstream", EU_PRIMARY));
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
        runner.then(euRuntimeHop.forwardsNothing());
    }
}
