package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not part of the suite (its name ends in neither {@code IT} nor {@code Test}); run by
 * {@code bench/audit-flood.sh}. An {@code async} and a {@code sync} tenant send steady traffic
 * (one request every {@code bench.every-ms} each), first alone, then while clients flood the
 * gateway with unknown keys and no key as fast as they are answered. It reports both tenants'
 * latency percentiles in each run, the 503s and the refusals per second, and fails when a tenant's
 * p99 under the flood is above {@code bench.p99-factor} (2) times its p99 in the quiet run, or when
 * the {@code sync} tenant got a 503.
 *
 * <p>Properties: {@code bench.seconds} (20, each run), {@code bench.warmup-seconds} (10),
 * {@code bench.every-ms} (20), {@code bench.flood-threads} (4), {@code bench.kafka} (false: the
 * journal; true: a Kafka broker in this JVM), {@code bench.report} (a Markdown file to write).
 */
class AuditFloodBench {

    private static final TestTenant ASYNC_TENANT = TestTenant.of("bench-async", "eu");
    private static final TestTenant SYNC_TENANT = TestTenant.of("bench-sync", "eu");

    private record Stats(String run, String tenant, long requests, long p50, long p99, long max, long status503) {

        String row() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %d |", run, tenant, requests,
                    p50 / 1000.0, p99 / 1000.0, max / 1000.0, status503);
        }
    }

    @Test
    void tenantsLatencyUnderABadKeyFloodStaysWithinTwiceTheQuietRun() throws IOException {
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup-seconds", 10);
        Duration every = Duration.ofMillis(Integer.getInteger("bench.every-ms", 20));
        int floodThreads = Integer.getInteger("bench.flood-threads", 4);
        double factor = Double.parseDouble(System.getProperty("bench.p99-factor", "2"));
        boolean kafka = Boolean.getBoolean("bench.kafka");
        Deployment described = Deployment.oneRegion("audit-flood-bench")
                .tenant(ASYNC_TENANT, "async", "hash")
                .tenant(SYNC_TENANT, "sync", "hash")
                .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks");
        if (kafka) {
            described.auditToKafka();
        }
        List<Stats> stats = new ArrayList<>();
        long refused;
        double refusedPerSecond;
        try (Deployment deployment = described.start()) {
            GatewayProcess gateway = deployment.gateway();
            // warm-up: both tenants and the refusal path
            try (ChatLoad warm = ChatLoad.start(gateway.uri("/"), ASYNC_TENANT, 2);
                 ChatLoad warmSync = ChatLoad.start(gateway.uri("/"), SYNC_TENANT, 2);
                 ChatLoad warmBad = ChatLoad.start(gateway.uri("/"), "Bearer rg-no-such-key", 2)) {
                pass(Duration.ofSeconds(warmup));
            }
            stats.addAll(run("quiet", gateway, every, seconds));
            long before = System.nanoTime();
            ChatLoad unknown = ChatLoad.start(gateway.uri("/"), "Bearer rg-no-such-key", Math.max(1, floodThreads - 1));
            ChatLoad none = ChatLoad.start(gateway.uri("/"), (String) null, 1);
            stats.addAll(run("flood", gateway, every, seconds));
            unknown.stop();
            none.stop();
            refused = unknown.count(401) + none.count(401);
            refusedPerSecond = refused / ((System.nanoTime() - before) / 1e9);
        }

        StringBuilder report = new StringBuilder()
                .append("Audit flood bench: ").append(kafka ? "Kafka" : "journal").append(", each tenant one request every ")
                .append(every.toMillis()).append(" ms, ").append(seconds).append(" s per run; flood: ")
                .append(floodThreads).append(" clients, ").append(refused).append(" refused requests, ")
                .append(String.format(Locale.ROOT, "%.0f/s", refusedPerSecond)).append("\n\n")
                .append("| run | tenant | requests | p50 ms | p99 ms | max ms | 503 |\n|---|---|---|---|---|---|---|\n");
        stats.forEach(s -> report.append(s.row()).append('\n'));
        for (String tenant : List.of("async", "sync")) {
            Stats quiet = find(stats, "quiet", tenant);
            Stats flood = find(stats, "flood", tenant);
            report.append(String.format(Locale.ROOT, "%n%s: p99 under the flood %.2f ms = %.2f x the quiet run's %.2f ms (limit %.1f x)",
                    tenant, flood.p99() / 1000.0, (double) flood.p99() / Math.max(1, quiet.p99()), quiet.p99() / 1000.0, factor));
        }
        report.append('\n');
        System.out.println(report);
        String file = System.getProperty("bench.report");
        if (file != null) {
            Files.writeString(Path.of(file), report);
        }
        assertThat(find(stats, "flood", "sync").status503()).as("503s of the sync tenant under the flood").isZero();
        for (String tenant : List.of("async", "sync")) {
            assertThat((double) find(stats, "flood", tenant).p99())
                    .as("%s tenant's p99 under the flood against the quiet run", tenant)
                    .isLessThanOrEqualTo(factor * find(stats, "quiet", tenant).p99());
        }
    }

    private static List<Stats> run(String name, GatewayProcess gateway, Duration every, int seconds) {
        ChatLoad async = ChatLoad.paced(gateway.uri("/"), ASYNC_TENANT, 1, every);
        ChatLoad sync = ChatLoad.paced(gateway.uri("/"), SYNC_TENANT, 1, every);
        pass(Duration.ofSeconds(seconds));
        async.stop();
        sync.stop();
        return List.of(stats(name, "async", async), stats(name, "sync", sync));
    }

    private static Stats stats(String run, String tenant, ChatLoad load) {
        List<Long> micros = load.sent().stream().map(ChatLoad.Sent::micros).sorted().toList();
        return new Stats(run, tenant, micros.size(), percentile(micros, 0.50), percentile(micros, 0.99),
                micros.isEmpty() ? 0 : micros.get(micros.size() - 1), load.count(503));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static Stats find(List<Stats> stats, String run, String tenant) {
        return stats.stream().filter(s -> s.run().equals(run) && s.tenant().equals(tenant)).findFirst().orElseThrow();
    }

    /** A run of fixed length: the bench's clock, not a guessed wait for a condition. */
    private static void pass(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        Poll.until(length.plusSeconds(1), () -> System.nanoTime() - end > 0);
    }
}
