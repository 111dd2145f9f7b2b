package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import io.regiongate.e2e.support.ChatBurst;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.hazelcast.RegionHazelcastConfigs;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5: runtimes in client mode lose their region's Hazelcast cluster. One configured
 * {@code fail-closed} answers 503 {@code quota_unavailable}; one configured {@code fail-open} keeps
 * serving, but only within the tenant's limit counted by itself alone.
 */
class QuotaClusterUnavailableIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int LIMIT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FAIL_CLOSED = "fail-closed";
    private static final String FAIL_OPEN = "fail-open";
    /** The region's cluster: one member in this JVM, the runtimes its clients. */
    private static final String CLUSTER = Deployment.uniqueClusterName(EU);
    private static final int MEMBER_PORT = FreePorts.next();
    private static final String MEMBER = "127.0.0.1:" + MEMBER_PORT;

    private static HazelcastInstance regionMember;

    @RegisterExtension
    static final Deployment deployment = Deployment.named("cluster-down")
            .runtime(FAIL_CLOSED, EU)
            .runtime(FAIL_OPEN, EU)
            .tenant(TENANT)
            .quotas("{requests-per-second: " + LIMIT + "}")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "ok")
            .only(FAIL_CLOSED, config -> config.hazelcast(clientOfTheRegionMember(FAIL_CLOSED)))
            .only(FAIL_OPEN, config -> config.hazelcast(clientOfTheRegionMember(FAIL_OPEN)))
            .dependency(QuotaClusterUnavailableIT::startRegionMember)
            .readyWhen(Duration.ofSeconds(20),
                    runtimes -> "up".equals(Readiness.hazelcastState(runtimes.gateway(FAIL_CLOSED)))
                            && "up".equals(Readiness.hazelcastState(runtimes.gateway(FAIL_OPEN))),
                    runtimes -> "the client runtimes did not connect: " + Readiness.hazelcastOf(runtimes.gateway(FAIL_CLOSED)));

    private final ChatBurst gatewayClient = new ChatBurst();

    private static AutoCloseable startRegionMember() {
        regionMember = Hazelcast.newHazelcastInstance(RegionHazelcastConfigs.embeddedMember(EU,
                new HazelcastConfig(HazelcastMode.EMBEDDED, null, List.of(MEMBER), MEMBER_PORT, CLUSTER, null, null)));
        return () -> {
            if (regionMember.getLifecycleService().isRunning()) {
                regionMember.getLifecycleService().terminate();
            }
        };
    }

    /** A Hazelcast client of the region's member that, while the cluster is gone, is {@code onUnavailable}. */
    private static String clientOfTheRegionMember(String onUnavailable) {
        return "{mode: client, members: [\"" + MEMBER + "\"], cluster-name: " + CLUSTER
                + ", on-unavailable: " + onUnavailable + ", timeout: 500ms}";
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void failClosedAnswers503AndFailOpenServesWithinTheLocalLimit() {
        GatewayProcess failClosed = deployment.gateway(FAIL_CLOSED);
        GatewayProcess failOpen = deployment.gateway(FAIL_OPEN);

        // given both runtimes serve through the shared counters
        assertThat(send(failClosed).statusCode()).isEqualTo(200);
        assertThat(send(failOpen).statusCode()).isEqualTo(200);

        // when the region's only member dies
        regionMember.getLifecycleService().terminate();
        Poll.require(Duration.ofSeconds(20),
                () -> "down".equals(Readiness.hazelcastState(failClosed)) && "down".equals(Readiness.hazelcastState(failOpen)),
                () -> "the runtimes did not notice the cluster was gone: " + Readiness.hazelcastOf(failOpen));

        // then the fail-closed runtime refuses with 503 quota_unavailable, and says so in its readiness
        HttpResponse<String> refused = send(failClosed);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(code(refused)).isEqualTo("quota_unavailable");
        Readiness closedReadiness = Readiness.of(failClosed);
        assertThat(closedReadiness.status()).as("fail-closed readiness: %s", closedReadiness.body()).isEqualTo(503);
        assertThat(closedReadiness.body().path("reason").asText()).contains("the quota cluster").contains("fail-closed");
        assertThat(Readiness.of(failOpen).status()).as("fail-open readiness").isEqualTo(200);

        // and the fail-open runtime serves, but no more than the limit in any one-second window
        // (judged per window: a loaded machine may spread the burst over several seconds)
        ChatBurst.Result burst = null;
        Map<Long, List<HttpResponse<String>>> byWindow = Map.of();
        for (int attempt = 1; attempt <= 5; attempt++) {
            burst = gatewayClient.fire(List.of(failOpen.uri("/v1/chat/completions")), 3 * LIMIT, TENANT.bearer(),
                    ChatBurst.SMALL_REQUEST, true);
            byWindow = burst.byRequestWindow();
            if (byWindow.values().stream().anyMatch(answers -> count(answers, 429) > 0)) {
                break;
            }
        }
        assertThat(burst.count(200) + burst.count(429)).isEqualTo(3L * LIMIT);
        assertThat(byWindow.values()).anyMatch(answers -> count(answers, 429) > 0);
        byWindow.forEach((window, answers) -> {
            assertThat(count(answers, 200)).as("admitted in window %d", window).isLessThanOrEqualTo(LIMIT);
            if (count(answers, 429) > 0) {
                assertThat(count(answers, 200)).as("admitted in window %d, which refused some", window).isEqualTo(LIMIT);
            }
        });
    }

    private static long count(List<HttpResponse<String>> answers, int status) {
        return answers.stream().filter(answer -> answer.statusCode() == status).count();
    }

    private HttpResponse<String> send(GatewayProcess gateway) {
        return gatewayClient.send(gateway.uri("/v1/chat/completions"), TENANT.bearer(), ChatBurst.SMALL_REQUEST);
    }

    private static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").path("code").asText();
        } catch (Exception e) {
            return "(not JSON: " + response.body() + ")";
        }
    }
}
