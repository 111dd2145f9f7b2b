package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.ChatLoad;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not part of the suite; run by {@code bench/audit-outage.sh}. How fast the spool
 * drains against how fast the gateway answers, each on its own: eight clients at full rate with the
 * broker up give the answer rate; the same clients with the broker down for {@code bench.outage-seconds}
 * (20) fill the spool; then, without load, the broker comes back and the time until the spool is
 * empty gives the drain rate. Fails when the drain rate is below {@code bench.drain-factor} (5)
 * times the answer rate. Writes a Markdown table to {@code bench.report} when given;
 * {@code bench.answer-only} stops after the answer rate (to compare builds: {@code REGIONGATE_JAR}).
 */
class AuditDrainBench {

    private static final TestTenant TENANT = TestTenant.of("bench-drain", "eu");

    @Test
    void theSpoolDrainsAtLeastFiveTimesFasterThanTheGatewayAnswers() throws IOException {
        int outage = Integer.getInteger("bench.outage-seconds", 20);
        int measure = Integer.getInteger("bench.answer-seconds", 15);
        double factor = Double.parseDouble(System.getProperty("bench.drain-factor", "5"));
        double answerRate;
        long spooled;
        double drainSeconds;
        String writerLine;
        try (Deployment deployment = Deployment.oneRegion("audit-drain-bench")
                .tenant(TENANT, "async", "hash")
                .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
                .auditToKafka()
                .start()) {
            GatewayProcess gateway = deployment.gateway();
            KraftBroker broker = deployment.broker();
            Path audit = deployment.journal().getParent();
            ChatLoad load = ChatLoad.start(gateway.uri("/"), TENANT, 8);
            load.phase("warm-up");
            pass(Duration.ofSeconds(10));
            load.phase("answer");
            pass(Duration.ofSeconds(measure));
            load.phase("outage");
            answerRate = load.answered("answer").size() / (double) measure;
            System.out.printf(Locale.ROOT, "[bench] answer rate %.0f/s%n", answerRate);
            if (Boolean.getBoolean("bench.answer-only")) {
                load.stop();
                return;
            }
            broker.stop();
            pass(Duration.ofSeconds(outage));
            load.stop();
            spooled = load.answered("outage").size();
            long back = System.nanoTime();
            broker.restart();
            Poll.require(Duration.ofSeconds(300), () -> AuditFiles.spoolSegments(audit).isEmpty(), () -> "the spool delivered");
            drainSeconds = (System.nanoTime() - back) / 1e9;
            writerLine = Poll.until(Duration.ofSeconds(5), () -> DRAINED.matcher(gateway.output()).find())
                    ? lastMatch(gateway.output()) : "(no drain line in the gateway's log)";
        }
        double drainRate = spooled / drainSeconds;
        String report = String.format(Locale.ROOT, "| answer rate (8 clients, broker up, %d s) | answered in a %d s outage "
                        + "(spooled) | spool empty after the broker's return (no load) | drain rate | drain / answer (at least %.0f x) |%n"
                        + "|---|---|---|---|---|%n| %.0f/s | %d | %.1f s | %.0f records/s | %.1f x |%n%nwriter: %s%n",
                measure, outage, factor, answerRate, spooled, drainSeconds, drainRate, drainRate / answerRate, writerLine);
        System.out.println(report);
        String file = System.getProperty("bench.report");
        if (file != null) {
            Files.writeString(Path.of(file), report);
        }
        assertThat(drainRate).as("drain rate against answer rate").isGreaterThanOrEqualTo(factor * answerRate);
    }

    private static final java.util.regex.Pattern DRAINED =
            java.util.regex.Pattern.compile("every spooled record was delivered \\([^)]*\\)");

    private static String lastMatch(String text) {
        java.util.regex.Matcher matcher = DRAINED.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group();
        }
        return last;
    }

    /** A phase of fixed length: the bench's clock, not a guessed wait for a condition. */
    private static void pass(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        Poll.until(length.plusSeconds(1), () -> System.nanoTime() - end > 0);
    }
}
