package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.ChatBurst;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ReadyState;
import io.regiongate.e2e.support.TestTenant;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 1: two runtimes of one region share one Hazelcast cluster (each runs an embedded member
 * of it). A tenant limited to 50 requests per second sends 200 at once, half to each runtime:
 * exactly 50 are admitted in that second across both, the rest get 429 with Retry-After.
 */
class SharedRequestRateAcrossRuntimesIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int LIMIT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GatewayProcess first;
    private static GatewayProcess second;
    private final ChatBurst gatewayClient = new ChatBurst();

    @BeforeAll
    static void startTwoRuntimesInOneCluster() {
        String cluster = GatewayConfigFile.uniqueClusterName(GatewayConfigFile.REGION);
        int firstMember = FreePorts.next();
        int secondMember = FreePorts.next();
        String members = "[\"127.0.0.1:" + firstMember + "\", \"127.0.0.1:" + secondMember + "\"]";
        first = GatewayProcess.start("shared-rate-first", runtime(cluster, firstMember, members));
        second = GatewayProcess.start("shared-rate-second", runtime(cluster, secondMember, members));
        Poll.require(Duration.ofSeconds(30),
                () -> ReadyState.members(first) == 2 && ReadyState.members(second) == 2,
                () -> "the two runtimes did not form one cluster: " + ReadyState.hazelcast(first) + " / "
                        + ReadyState.hazelcast(second));
    }

    private static GatewayConfigFile runtime(String cluster, int memberPort, String members) {
        return GatewayConfigFile.listeningOn(FreePorts.next())
                .tenant(TENANT)
                .quotas("{requests-per-second: " + LIMIT + "}")
                .hazelcast("{mode: embedded, port: " + memberPort + ", members: " + members + ", cluster-name: " + cluster + "}")
                .simulatedUpstream("eu-sim", List.of("gpt-4o"), Duration.ofMillis(1), "ok");
    }

    @AfterAll
    static void stopRuntimes() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void admitsExactlyTheLimitPerSecondAcrossBothRuntimes() {
        // given two runtimes sharing the tenant's counters, warmed up with bursts of the same size
        // (connections open, code compiled) so that a burst fits in one second on a loaded machine
        List<URI> targets = List.of(first.uri("/v1/chat/completions"), second.uri("/v1/chat/completions"));
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            gatewayClient.fire(targets, 100, TENANT.bearer(), ChatBurst.SMALL_REQUEST, false);
        }

        // when 200 requests arrive at once, 100 at each runtime, started just after a second boundary
        ChatBurst.Result burst = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            burst = gatewayClient.fire(targets, 100, TENANT.bearer(), ChatBurst.SMALL_REQUEST, true);
            long admitted = burst.count(200);
            // never more than the limit in any second the burst touched
            assertThat(admitted).as("attempt %d over %d second(s)", attempt, burst.secondsTouched())
                    .isLessThanOrEqualTo((long) LIMIT * burst.secondsTouched());
            if (burst.withinOneSecond()) {
                break;
            }
            System.out.printf("[e2e] burst %d spread over %d seconds; trying again%n", attempt, burst.secondsTouched());
        }

        // then, within one second, exactly the limit was admitted across both runtimes
        assertThat(burst.withinOneSecond()).as("a burst of 200 fitting in one second (machine too slow?)").isTrue();
        assertThat(burst.count(200)).isEqualTo(LIMIT);
        assertThat(burst.count(429)).isEqualTo(200 - LIMIT);
        for (HttpResponse<String> refused : burst.responses().stream().filter(r -> r.statusCode() == 429).toList()) {
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("x-ratelimit-limit-requests")).hasValue(String.valueOf(LIMIT));
            assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            assertThat(code(refused)).isEqualTo("rate_limit_exceeded");
        }
        HttpResponse<String> admitted = burst.responses().stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        assertThat(admitted.headers().firstValue("x-ratelimit-limit-requests")).hasValue(String.valueOf(LIMIT));
        assertThat(admitted.headers().firstValue("x-ratelimit-reset-requests")).isPresent();
    }

    private static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").path("code").asText();
        } catch (Exception e) {
            return "(not JSON: " + response.body() + ")";
        }
    }
}
