package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SwitchableBehaviour;
import io.regiongate.e2e.support.TestTenant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer runtime answers for the tenant with the tenant's own key, so its 401, 403, 404 and 429 are
 * about that tenant (except a 401 {@code peer_authentication_failed}: the peer refused this
 * runtime's proof, which is the link's failure): the client gets them as the peer wrote them (a 429 with its Retry-After), and
 * they neither open the peer's circuit breaker nor cool the peer down for every other tenant. Only
 * the peer's 5xx count as its failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerTenantAnswersIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String EU_PEER = "eu-peer";
    private static final String PEER_RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for requests per second\","
            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    private static final String PEER_KEY_REFUSED = "{\"error\":{\"message\":\"Incorrect API key provided.\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    private static final String PEER_BROKEN = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,"
            + "\"code\":\"internal_error\"}}";
    private static final String REQUEST = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @RegisterExtension
    static final Deployment deployment = Deployment.named("peer-tenant-answers")
            .runtime(US, US)
            .tenant(ACME_EU, "never")
            // a breaker that opens after two failures out of two
            .circuitBreaker("default", new BreakerSettings(50, 2, Duration.ofMinutes(5), 1, Duration.ofSeconds(30)))
            .upstream(Upstream.unreachable("us-primary", US))
            .scriptedPeer(EU, EU_PEER, rateLimited());
    private static final SwitchableBehaviour euPeer = deployment.vendor(EU_PEER);

    private final ChatClient client = new ChatClient();

    @BeforeEach
    void peerRateLimitsTheTenant() {
        euPeer.become(rateLimited());
    }

    private static HttpHandler rateLimited() {
        return ScriptedUpstream.answering(429, PEER_RATE_LIMITED,
                Map.of("Retry-After", "7", "x-ratelimit-limit-requests", "5", "x-ratelimit-remaining-requests", "0"));
    }

    private HttpResponse<String> send() {
        return client.post(deployment.uri("/v1/chat/completions"), ACME_EU, REQUEST);
    }

    @Test
    @Order(1)
    void aPeers429ForTheTenantReachesTheClientWithItsRetryAfterAndLeavesThePeerInService() throws Exception {
        int before = deployment.calls(EU_PEER);

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> answer = send();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
            assertThat(answer.body()).contains("rate_limit_exceeded");
            assertThat(ChatClient.header(answer, "Retry-After")).isEqualTo("7");
            assertThat(ChatClient.header(answer, "x-ratelimit-remaining-requests")).isEqualTo("0");
        }

        assertThat(deployment.calls(EU_PEER) - before).as("every request reached the peer: no cooldown, breaker closed")
                .isEqualTo(4);
        assertThat(peerBreaker()).isEqualTo("closed");
    }

    @Test
    @Order(2)
    void aPeers401ForTheTenantIsTheTenantsAnswerNotAnUpstreamError() throws Exception {
        euPeer.become(ScriptedUpstream.answering(401, PEER_KEY_REFUSED, Map.of()));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = send();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).contains("invalid_api_key");
        }
        assertThat(peerBreaker()).isEqualTo("closed");
    }

    @Test
    @Order(3)
    void aPeerRefusingTheForwardsProofIsThePeersFailureNotTheTenantsAnswer() {
        euPeer.become(ScriptedUpstream.answering(401, "{\"error\":{\"message\":\"The request claims to be forwarded by a "
                + "RegionGate peer, but the signature does not match the request.\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"peer_authentication_failed\"}}", Map.of()));

        HttpResponse<String> answer = send();

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("region_unavailable").doesNotContain("peer_authentication_failed");
    }

    @Test
    @Order(4) // last: it opens the peer's breaker
    void aPeers5xxIsItsFailureAndCountsOnItsBreaker() throws Exception {
        euPeer.become(ScriptedUpstream.answering(500, PEER_BROKEN, Map.of()));

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> answer = send();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("region_unavailable");
        }
        assertThat(peerBreaker()).isEqualTo("open");
    }

    private static String peerBreaker() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                deployment.gateway().adminUri("/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(ready.body());
        return body.path("peers").get(0).path("breaker").asText();
    }
}
