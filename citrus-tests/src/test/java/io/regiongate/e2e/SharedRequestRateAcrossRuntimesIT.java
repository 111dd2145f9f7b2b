package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.ChatBurst;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.TestTenant;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1: two runtimes of one region share one Hazelcast cluster (each runs an embedded member
 * of it). A tenant limited to 50 requests per second sends 200 at once, half to each runtime:
 * exactly 50 are admitted in that second across both, the rest get 429 with Retry-After.
 */
class SharedRequestRateAcrossRuntimesIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int LIMIT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FIRST = "first";
    private static final String SECOND = "second";

    @RegisterExtension
    static final Deployment deployment = Deployment.named("shared-rate")
            .runtime(FIRST, EU)
            .runtime(SECOND, EU)
            .tenant(TENANT)
            .quotas("{requests-per-second: " + LIMIT + "}")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "ok")
            .sharedCluster()
            .readyWhen(Duration.ofSeconds(30),
                    runtimes -> Readiness.hazelcastMembers(runtimes.gateway(FIRST)) == 2 && Readiness.hazelcastMembers(runtimes.gateway(SECOND)) == 2,
                    runtimes -> "the two runtimes did not form one cluster: " + Readiness.hazelcastOf(runtimes.gateway(FIRST))
                            + " / " + Readiness.hazelcastOf(runtimes.gateway(SECOND)));

    private final ChatBurst gatewayClient = new ChatBurst();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void admitsExactlyTheLimitPerSecondAcrossBothRuntimes() {
        // given two runtimes sharing the tenant's counters, warmed up (connections open, code compiled)
        List<URI> targets = List.of(deployment.uri(FIRST, "/v1/chat/completions"), deployment.uri(SECOND, "/v1/chat/completions"));
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            gatewayClient.fire(targets, 100, TENANT.bearer(), ChatBurst.SMALL_REQUEST, false);
        }

        // when 200 requests arrive at once, 100 at each runtime
        // (a loaded machine may spread them over more than one second: every answer says, through
        // x-ratelimit-reset-requests, which one-second window counted it, so each window is judged alone)
        ChatBurst.Result burst = null;
        Map<Long, List<HttpResponse<String>>> byWindow = Map.of();
        for (int attempt = 1; attempt <= 5; attempt++) {
            burst = gatewayClient.fire(targets, 100, TENANT.bearer(), ChatBurst.SMALL_REQUEST, true);
            byWindow = burst.byRequestWindow();
            if (byWindow.values().stream().anyMatch(answers -> count(answers, 429) > 0)) {
                break;
            }
            System.out.printf("[e2e] burst %d spread over %d windows without reaching the limit; again%n",
                    attempt, byWindow.size());
        }

        // then no window admitted more than the limit, and every window that refused anything
        // admitted exactly the limit, counted across both runtimes
        assertThat(byWindow.values()).as("a window in which the limit was reached").anyMatch(answers -> count(answers, 429) > 0);
        byWindow.forEach((window, answers) -> System.out.printf("[e2e] window ending %d: %d admitted, %d refused%n",
                window, count(answers, 200), count(answers, 429)));
        byWindow.forEach((window, answers) -> {
            assertThat(count(answers, 200)).as("admitted in window %d", window).isLessThanOrEqualTo(LIMIT);
            if (count(answers, 429) > 0) {
                assertThat(count(answers, 200)).as("admitted in window %d, which refused some", window).isEqualTo(LIMIT);
                assertThat(answers.stream().filter(r -> r.statusCode() == 200)
                        .map(r -> r.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow()).distinct())
                        .as("each admission in one window took its own place in the shared count").hasSize(LIMIT);
            }
        });
        assertThat(burst.count(200) + burst.count(429)).as("every answer an admission or a refusal").isEqualTo(200);
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

    private static long count(List<HttpResponse<String>> answers, int status) {
        return answers.stream().filter(answer -> answer.statusCode() == status).count();
    }

    private static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").path("code").asText();
        } catch (Exception e) {
            return "(not JSON: " + response.body() + ")";
        }
    }
}
