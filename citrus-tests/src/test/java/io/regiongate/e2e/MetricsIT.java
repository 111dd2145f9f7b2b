package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.MetricsScrape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a JSON request, a streamed one, one that fails over, one over quota and one for a model
 * nobody configured, {@code /metrics} shows each counter moved by exactly what happened, labelled
 * with the region, and no label value taken from the request.
 */
class MetricsIT {

    private static final TestTenant LIMITED = TestTenant.of("limited-eu", "eu");
    private static final TestTenant ACME = TestTenant.acmeEu();
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final String ANSWER = VendorReplies.completionJson("chatcmpl-m", "served");
    private static final List<String> EVENTS = VendorReplies.streamEvents("chatcmpl-s", List.of("a", "stream"));

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("metrics")
            .tenant(LIMITED)
            .quotas("{requests-per-second: 1}")
            .tenant(ACME)
            .adminToken(ADMIN_TOKEN)
            .upstream(Upstream.openAi("eu-broken", EU).models("gpt-4o-mini").priority(1), VendorReplies.fails(503))
            .upstream(Upstream.openAi("eu-ok", EU).models("gpt-4o", "gpt-4o-mini").priority(2),
                    ScriptedUpstream.byStreamFlag(ScriptedUpstream.answering(200, ANSWER, Map.of()),
                            ScriptedUpstream.streaming(EVENTS)));

    private final ChatClient client = new ChatClient();

    private int send(TestTenant tenant, String model, boolean stream) {
        return client.post(deployment.uri("/v1/chat/completions"), tenant, "{\"model\":\"" + model
                + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode();
    }

    @Test
    void eachCounterMovesByWhatHappenedWithConfiguredLabelsOnly() throws Exception {
        assertThat(send(ACME, "gpt-4o", false)).isEqualTo(200);
        assertThat(send(ACME, "gpt-4o", true)).isEqualTo(200);
        assertThat(send(ACME, "gpt-4o-mini", false)).as("served by eu-ok after eu-broken's 503").isEqualTo(200);
        assertThat(send(ACME, "gpt-4.5-from-the-client", false)).isEqualTo(404);
        int first = send(LIMITED, "gpt-4o", false);
        int second = send(LIMITED, "gpt-4o", false);
        int third = send(LIMITED, "gpt-4o", false);
        assertThat(List.of(first, second, third)).as("one second's limit of 1").contains(429);
        long refused = List.of(first, second, third).stream().filter(status -> status == 429).count();

        Poll.require(Duration.ofSeconds(10), () -> value(MetricsScrape.of(deployment.gateway(), ADMIN_TOKEN), "regiongate_requests_total",
                "tenant", "limited-eu") == 3, () -> "metrics not there yet");
        String metrics = MetricsScrape.of(deployment.gateway(), ADMIN_TOKEN);

        assertThat(value(metrics, "regiongate_requests_total", "region", "eu-west-1", "tenant", "acme-eu",
                "model", "gpt-4o", "upstream", "eu-ok", "status_class", "2xx")).isEqualTo(2);
        assertThat(value(metrics, "regiongate_requests_total", "tenant", "acme-eu", "model", "gpt-4o-mini",
                "upstream", "eu-ok", "status_class", "2xx")).isEqualTo(1);
        assertThat(value(metrics, "regiongate_requests_total", "tenant", "acme-eu", "model", "other",
                "status_class", "4xx")).isEqualTo(1);
        assertThat(value(metrics, "regiongate_requests_total", "tenant", "limited-eu", "status_class", "4xx"))
                .isEqualTo(refused);
        assertThat(value(metrics, "regiongate_failovers_total", "region", "eu-west-1", "source_region", "eu-west-1",
                "target_region", "eu-west-1", "reason", "http-5xx")).isEqualTo(1);
        assertThat(value(metrics, "regiongate_quota_decisions_total", "tenant", "limited-eu",
                "outcome", "requests-per-second")).isEqualTo(refused);
        assertThat(value(metrics, "regiongate_quota_decisions_total", "tenant", "limited-eu",
                "outcome", "admitted")).isEqualTo(3 - refused);
        assertThat(value(metrics, "gen_ai_client_operation_time_to_first_chunk_seconds_count", "tenant", "acme-eu"))
                .isEqualTo(1);
        assertThat(value(metrics, "gen_ai_client_operation_duration_seconds_count", "tenant", "acme-eu")).isEqualTo(4);
        assertThat(value(metrics, "regiongate_breaker_state", "target", "eu-ok", "state", "closed")).isEqualTo(1);
        assertThat(metrics).doesNotContain("gpt-4.5-from-the-client").doesNotContain(ACME.apiKey());
    }

    @Test
    void metricsAreServedOnTheAdminListenerOnlyAndNeedTheAdminCredential() throws Exception {
        GatewayProcess gateway = deployment.gateway();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(gateway.adminUri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> onTheApiPort = client.send(HttpRequest.newBuilder(gateway.uri("/metrics"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> usageOnTheApiPort = client.send(HttpRequest.newBuilder(gateway.uri("/admin/usage/acme-eu"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chatOnTheAdminPort = client.send(HttpRequest.newBuilder(gateway.adminUri("/v1/chat/completions"))
                .header("Authorization", ACME.bearer()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> publicReadiness = client.send(HttpRequest.newBuilder(gateway.uri("/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> adminReadiness = client.send(HttpRequest.newBuilder(gateway.adminUri("/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).as("the admin listener without the token").isEqualTo(401);
        assertThat(onTheApiPort.statusCode()).as("/metrics on the API listener, even with the token").isEqualTo(404);
        assertThat(usageOnTheApiPort.statusCode()).as("/admin/usage on the API listener, even with the token").isEqualTo(404);
        assertThat(chatOnTheAdminPort.statusCode()).as("the API on the admin listener").isEqualTo(404);
        assertThat(new ObjectMapper().readTree(publicReadiness.body()).properties()).as(publicReadiness.body())
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("status", "region");
        assertThat(adminReadiness.body()).contains("\"hazelcast\"").contains("\"upstreams\"");
    }


    /** The sum of the samples of {@code name} whose labels include every given pair. */
    private static double value(String metrics, String name, String... labels) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
