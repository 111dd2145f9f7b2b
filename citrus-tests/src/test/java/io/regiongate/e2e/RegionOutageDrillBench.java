package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 3 a.m. drill ({@code bench/drill.sh}): two regions with stand-in vendors, probes on their
 * defaults, steady traffic of an EU tenant (never leaves the EU) and a US tenant (may cross), each
 * sent to the region a health monitor picks the way a DNS or load-balancer monitor does (polling the
 * public {@code /health/ready} every {@code drill.poll-ms}, a region down after
 * {@code drill.down-after} failed polls, up again after as many good ones; the tenant's home region
 * first). Then, each for {@code drill.fault-seconds} and then repaired: one of the two EU upstreams
 * fails; every EU upstream fails; the EU runtime is killed. The report answers the drill's
 * questions: how long to detect and route around each failure and to recover, residency violations
 * (EU answers served outside the EU, EU prompts at a US vendor: must be 0), what happened to requests
 * in flight, and whether the joined audit timeline has a gap or a chain break.
 */
class RegionOutageDrillBench {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final Duration POLL = Duration.ofMillis(Integer.getInteger("drill.poll-ms", 1000));
    private static final int DOWN_AFTER = Integer.getInteger("drill.down-after", 2);
    private static final Duration FAULT = Duration.ofSeconds(Integer.getInteger("drill.fault-seconds", 30));
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("drill.settle-seconds", 20));
    private static final List<String> EU_UPSTREAMS = List.of("eu-a", "eu-b");
    private static final List<String> US_UPSTREAMS = List.of("us-a");
    private static final AtomicLong EU_PROMPTS_AT_US_VENDORS = new AtomicLong();

    @RegisterExtension
    static final Deployment deployment = drillDeployment();

    private final Map<String, RegionMonitor> monitors = Map.of(EU, new RegionMonitor(EU), US, new RegionMonitor(US));
    private final List<String> report = new ArrayList<>();
    private final AtomicLong residencyViolations = new AtomicLong();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private volatile String phase = "baseline";

    private static Deployment drillDeployment() {
        Deployment drill = Deployment.twoRegions("drill")
                .tenant(ACME_EU, "never")
                .tenant(GLOBEX_US, "allowed")
                // probes on their defaults (every 5 s, down after 2 failures, up after 2 passes)
                .configure(config -> config.probes("{enabled: true}"));
        for (String id : EU_UPSTREAMS) {
            drill.upstream(Upstream.openAi(id, EU).probePath("/chat/completions"), healthy(id));
        }
        for (String id : US_UPSTREAMS) {
            drill.upstream(Upstream.openAi(id, US).probePath("/chat/completions"), countingEuPrompts(healthy(id)));
        }
        return drill;
    }

    /** A US vendor that counts the EU tenant's prompts it receives (each one a residency violation). */
    private static HttpHandler countingEuPrompts(HttpHandler answer) {
        return exchange -> {
            if (ScriptedUpstream.requestBody(exchange).contains(ACME_EU.id() + "-drill-")) {
                EU_PROMPTS_AT_US_VENDORS.incrementAndGet();
            }
            answer.handle(exchange);
        };
    }

    private static HttpHandler healthy(String id) {
        return ScriptedUpstream.answering(200, VendorReplies.completionJson("chatcmpl-" + id, "served by " + id), Map.of());
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void regionOutageDrill() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        for (RegionMonitor monitor : monitors.values()) {
            threads.submit(() -> monitor.run(running));
        }
        threads.submit(() -> traffic(ACME_EU, List.of(EU, US), running));
        threads.submit(() -> traffic(GLOBEX_US, List.of(US, EU), running));
        report.add("Monitor: public /health/ready every " + POLL.toMillis() + " ms, a region down or up after " + DOWN_AFTER
                + " polls in a row; probes on their defaults; each fault held " + FAULT.toSeconds() + " s.");
        report.add("");
        report.add("| fault | detected and routed around after | recovered after the repair |");
        report.add("|---|---|---|");
        try {
            pause(SETTLE);
            drill("one EU upstream fails (eu-a answers 500)", () -> deployment.vendor("eu-a").become(VendorReplies.fails(500)),
                    () -> deployment.vendor("eu-a").become(healthy("eu-a")), false);
            drill("every EU upstream fails", () -> EU_UPSTREAMS.forEach(id -> deployment.vendor(id).become(VendorReplies.fails(500))),
                    () -> EU_UPSTREAMS.forEach(id -> deployment.vendor(id).become(healthy(id))), true);
            drill("the EU runtime is killed (kill -9)", () -> deployment.eu().kill(), () -> deployment.restart(EU), true);
        } finally {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }
        long euPromptsAtUsVendors = EU_PROMPTS_AT_US_VENDORS.get();
        GatewayProcess.CommandResult timeline = GatewayProcess.runCommand(Duration.ofSeconds(120), "audit", "timeline",
                "--journal", trail(EU).toString(), "--journal", trail(US).toString());
        String timelineSummary = timeline.output().lines().filter(line -> line.startsWith("OK") || line.startsWith("FAILED"))
                .reduce((first, last) -> last).orElse("(no summary)");
        report.add("");
        report.add("Requests by phase, tenant and outcome: " + new TreeMap<>(outcomes));
        report.add("Residency violations: " + residencyViolations.get() + " EU answers served outside the EU, "
                + euPromptsAtUsVendors + " EU prompts at a US vendor");
        report.add("Joined audit timeline (exit " + timeline.exitCode() + "): " + timelineSummary);
        timeline.output().lines().filter(line -> line.startsWith("trail ") || line.contains("loss") || line.contains("unclean"))
                .limit(12).forEach(line -> report.add("    " + line));
        String text = String.join("\n", report);
        System.out.println("[e2e] drill report\n" + text);
        String file = System.getProperty("bench.report");
        if (file != null) {
            Files.writeString(Path.of(file), text + "\n");
        }
        assertThat(residencyViolations.get()).as("EU answers served outside the EU").isZero();
        assertThat(euPromptsAtUsVendors).as("EU prompts at a US vendor").isZero();
    }

    /** One fault: injected, detected, routed around, repaired, recovered; the times from the monitor's view. */
    private void drill(String name, Runnable fault, Runnable repair, boolean regionGoesDown) {
        phase = name;
        long start = System.nanoTime();
        fault.run();
        String detected;
        if (regionGoesDown) {
            detected = awaitMonitor(EU, false, FAULT, start);
        } else {
            // the region stays up: detection is the probe taking eu-a out of dispatch
            detected = awaitProbe("eu-a", "unhealthy", FAULT, start);
        }
        pause(FAULT.minusNanos(System.nanoTime() - start).isNegative() ? Duration.ZERO : FAULT.minusNanos(System.nanoTime() - start));
        phase = name + " (repaired)";
        long repaired = System.nanoTime();
        repair.run();
        String recovered = regionGoesDown ? awaitMonitor(EU, true, Duration.ofSeconds(90), repaired)
                : awaitProbe("eu-a", "healthy", Duration.ofSeconds(60), repaired);
        report.add("| " + name + " | " + detected + " | " + recovered + " |");
        pause(SETTLE);
    }

    private String awaitMonitor(String region, boolean up, Duration within, long since) {
        long deadline = since + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (monitors.get(region).up() == up) {
                return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
            }
            pause(Duration.ofMillis(100));
        }
        return "not within " + within.toSeconds() + " s";
    }

    private String awaitProbe(String upstream, String state, Duration within, long since) {
        long deadline = since + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (state.equals(Readiness.of(deployment.eu()).upstreamProbe(upstream))) {
                    return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
                }
            } catch (RuntimeException unreachable) {
                // a poll that fails counts as not yet
            }
            pause(Duration.ofMillis(200));
        }
        return "not within " + within.toSeconds() + " s";
    }

    /** A tenant's steady traffic, about ten requests a second, to the first region its monitor says is up. */
    private void traffic(TestTenant tenant, List<String> regionsInOrder, AtomicBoolean running) {
        ChatClient client = new ChatClient();
        int n = 0;
        while (running.get()) {
            String region = regionsInOrder.stream().filter(r -> monitors.get(r).up()).findFirst().orElse(regionsInOrder.get(0));
            String marker = tenant.id() + "-drill-" + n++;
            String outcome;
            try {
                HttpResponse<String> answer = client.post(deployment.uri(region, "/v1/chat/completions"), tenant,
                        VendorReplies.chatRequest("gpt-4o", marker, false));
                outcome = "sent to " + region + ": " + answer.statusCode();
                String servedIn = ChatClient.header(answer, "X-RegionGate-Region");
                if (tenant == ACME_EU && answer.statusCode() == 200 && !EU.equals(servedIn)) {
                    residencyViolations.incrementAndGet();
                }
            } catch (RuntimeException e) {
                outcome = "sent to " + region + ": connection failed";
            }
            outcomes.computeIfAbsent(phase + " / " + tenant.id() + " / " + outcome, key -> new AtomicInteger()).incrementAndGet();
            pause(Duration.ofMillis(100));
        }
    }

    private static Path trail(String region) {
        return deployment.gateway(region).directory().resolve("data/audit");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A DNS or load-balancer monitor of one region: its public readiness, polled; down after DOWN_AFTER failures. */
    private final class RegionMonitor {

        private final String region;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private volatile boolean up = true;
        private int streak;

        RegionMonitor(String region) {
            this.region = region;
        }

        boolean up() {
            return up;
        }

        void run(AtomicBoolean running) {
            while (running.get()) {
                boolean ready;
                try {
                    ready = http.send(HttpRequest.newBuilder(deployment.uri(region, "/health/ready")).timeout(Duration.ofSeconds(2))
                            .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    ready = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                streak = ready == up ? 0 : streak + 1;
                if (streak >= DOWN_AFTER) {
                    up = ready;
                    streak = 0;
                }
                pause(POLL);
            }
        }
    }
}
