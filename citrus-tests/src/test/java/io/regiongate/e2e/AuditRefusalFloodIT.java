package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of requests with bad keys cannot starve the trail. While four clients send requests with
 * an unknown key or none at all, as fast as they are answered, an {@code async} and a {@code sync}
 * tenant send steady traffic: the {@code sync} tenant gets no 503, every tenant's answered request
 * has its record, and the bad keys leave no record each but one {@code refusals} summary per
 * interval whose counts per reason add up to exactly the refusals the clients got. (The flood's
 * effect on the tenants' latency is measured in {@code bench/audit-flood.sh}.)
 */
class AuditRefusalFloodIT {

    private static final long INTERVAL_MS = 2000;
    private static final TestTenant ASYNC_TENANT = TestTenant.of("flood-async", "eu");
    private static final TestTenant SYNC_TENANT = TestTenant.of("flood-sync", "eu");

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-refusal-flood")
            .tenant(ASYNC_TENANT, "async", "hash")
            .tenant(SYNC_TENANT, "sync", "none")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
            .jvmOptions("-Dregiongate.audit.refusals.interval-ms=" + INTERVAL_MS);

    @Test
    void badKeysAreSummarisedPerIntervalWhileTheTenantsTrailKeepsUp() {
        GatewayProcess gateway = deployment.gateway();
        // given steady traffic of an async and a sync tenant
        ChatLoad async = ChatLoad.start(gateway.uri("/"), ASYNC_TENANT, 1);
        ChatLoad sync = ChatLoad.start(gateway.uri("/"), SYNC_TENANT, 1);
        // when clients flood the gateway with unknown keys and with no key at all
        Instant floodStarted = Instant.now();
        ChatLoad unknownKeys = ChatLoad.start(gateway.uri("/"), "Bearer rg-no-such-key", 3);
        ChatLoad noKey = ChatLoad.start(gateway.uri("/"), (String) null, 1);
        Poll.require(Duration.ofSeconds(90), () -> summaries().size() >= 3 && unknownKeys.count(401) >= 1000,
                () -> "three refusal summaries and 1000 refused requests; " + summaries().size() + " and "
                        + unknownKeys.count(401) + " so far");
        unknownKeys.stop();
        noKey.stop();
        Duration flood = Duration.between(floodStarted, Instant.now());
        async.stop();
        sync.stop();

        // then the tenants were served throughout, the sync one without a single 503
        assertThat(sync.sent()).as("sync tenant's answers").isNotEmpty()
                .allSatisfy(sent -> assertThat(sent.status()).isEqualTo(200));
        assertThat(async.sent()).as("async tenant's answers").isNotEmpty()
                .allSatisfy(sent -> assertThat(sent.status()).isEqualTo(200));
        assertThat(unknownKeys.sent()).allSatisfy(sent -> assertThat(sent.status()).isEqualTo(401));
        assertThat(noKey.sent()).allSatisfy(sent -> assertThat(sent.status()).isEqualTo(401));

        // and the summaries count every refusal, per reason, once the last interval is summarised
        Poll.require(Duration.ofSeconds(10), () -> summed("invalid_api_key") == unknownKeys.count(401)
                        && summed("missing_api_key") == noKey.count(401),
                () -> "summaries counting " + unknownKeys.count(401) + " invalid and " + noKey.count(401)
                        + " missing keys; they count " + summed("invalid_api_key") + " and " + summed("missing_api_key"));
        List<JsonNode> summaries = summaries();
        System.out.printf("[e2e] %d refused requests in %d s: %d summary records; tenants: %d async, %d sync answers%n",
                unknownKeys.count(401) + noKey.count(401), flood.toSeconds(), summaries.size(),
                async.sent().size(), sync.sent().size());
        assertThat(summaries.size()).as("one summary per interval, not one record per refusal")
                .isLessThanOrEqualTo((int) (flood.toMillis() / INTERVAL_MS) + 3);
        for (int i = 1; i < summaries.size(); i++) {
            assertThat(summaries.get(i).path("refusals").path("from").asText()).as("intervals follow each other")
                    .isEqualTo(summaries.get(i - 1).path("refusals").path("to").asText());
        }
        List<JsonNode> records = AuditFiles.lines(deployment.journal());
        assertThat(records).as("no record of its own for a refused request")
                .noneMatch(record -> record.hasNonNull("request_id") && !record.hasNonNull("tenant"));
        List<String> recorded = records.stream().filter(r -> r.hasNonNull("request_id"))
                .map(r -> r.path("request_id").asText()).toList();
        assertThat(recorded).as("every answered request of the tenants has its record")
                .containsAll(async.answered().stream().map(ChatLoad.Sent::requestId).toList())
                .containsAll(sync.answered().stream().map(ChatLoad.Sent::requestId).toList());

        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60),
                "audit", "verify", "--journal", deployment.journal().getParent().toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    private static List<JsonNode> summaries() {
        return AuditFiles.lines(deployment.journal()).stream()
                .filter(record -> "refusals".equals(record.path("kind").asText())).toList();
    }

    private static long summed(String reason) {
        return summaries().stream().mapToLong(summary -> summary.path("refusals").path("counts").path(reason).asLong()).sum();
    }
}
