package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two runtimes whose link secrets differ (a botched rotation, or an impostor): the EU runtime
 * refuses the US runtime's forward with 401 {@code peer_authentication_failed} before anything is
 * served, records the refusal, and the US runtime counts it as its peer's failure, not the tenant's:
 * the client gets the gateway's 5xx naming the hops, never a 401, and the EU vendor sees nothing.
 */
class PeerLinkSecretMismatchIT {

    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("peer-secret-mismatch")
            .tenant(GLOBEX_US, "allowed")
            .upstream(Upstream.openAi("us-primary", US), VendorReplies.fails(500))
            .upstream(Upstream.openAi("eu-primary", EU),
                    ScriptedUpstream.answering(200, VendorReplies.completionJson("chatcmpl-eu", "served in the EU"), Map.of()))
            .only(EU, config -> config.environment(GatewayConfigFile.PEER_SECRET_ENV,
                    "not-the-us-runtimes-secret-" + GatewayConfigFile.PEER_SECRET));

    @Test
    void aForwardSignedWithAnotherSecretIsRefusedAndCountsAsThePeersFailure() {
        HttpResponse<String> answer = new ChatClient().post(deployment.uri(US, "/v1/chat/completions"), GLOBEX_US,
                VendorReplies.chatRequest("gpt-4o", "mismatch", false));

        assertThat(answer.statusCode()).as(answer.body()).isBetween(500, 599);
        assertThat(answer.body()).doesNotContain("peer_authentication_failed");
        assertThat(ChatClient.header(answer, "X-RegionGate-Failover")).isEqualTo("us-primary:http-500>peer-eu-west-1:http-401");
        assertThat(deployment.calls("eu-primary")).as("chat requests the EU vendor received").isZero();
        Poll.require(Duration.ofSeconds(10),
                () -> !deployment.eu().filesContaining("\"error_code\":\"peer_authentication_failed\"").isEmpty(),
                () -> "the EU trail has no record of the refused forward");
    }
}
