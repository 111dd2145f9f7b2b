package io.regiongate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.Outcome;
import io.regiongate.call.TokenUsage;
import io.regiongate.failover.Attempt;
import io.regiongate.redaction.RedactionSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The metrics of one answered API request, derived from its record once, when it ends: requests by
 * region, tenant, model, upstream and status class; token usage and operation duration as the
 * OpenTelemetry GenAI conventions name them; time to the first chunk of a stream; the gateway's own
 * time (not spent waiting on a target); failovers by source and target region and reason; residency
 * refusals by reason.
 */
public final class RequestMetrics {

    private static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
            10.24, 20.48, 40.96, 81.92};
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
            4194304, 16777216, 67108864};
    private static final double[] OVERHEAD_BUCKETS = {0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128,
            0.256, 0.512, 1.024};
    private static final Set<String> RESIDENCY_CODES = Set.of("residency_not_permitted", "region_unavailable",
            "unknown_zone", "invalid_consent");

    private final MeterRegistry registry;
    private final Supplier<MetricLabels> currentLabels;

    public RequestMetrics(MeterRegistry registry, MetricLabels labels) {
        this(registry, () -> labels);
    }

    /** @param labels the label values as configured now (a reload may add models) */
    public RequestMetrics(MeterRegistry registry, Supplier<MetricLabels> labels) {
        this.registry = registry;
        this.currentLabels = labels;
    }

    public void record(GatewayCall call, int fallbackStatus) {
        Outcome outcome = call.outcome() != null ? call.outcome() : Outcome.answered(fallbackStatus);
        MetricLabels labels = currentLabels.get();
        String region = labels.region();
        String tenant = labels.tenant(call);
        String model = labels.model(call);
        String upstream = labels.upstream(call);
        String statusClass = MetricLabels.statusClass(outcome.status());
        Counter.builder("regiongate.requests").description("API requests answered, by outcome")
                .tags("region", region, "tenant", tenant, "model", model, "upstream", upstream, "status_class", statusClass)
                .register(registry).increment();
        Duration total = call.elapsed();
        Timer.builder("gen_ai.client.operation.duration").description("Duration of chat operations, end to end")
                .tags("region", region, "tenant", tenant, "gen_ai_request_model", model, "upstream", upstream,
                        "status_class", statusClass, "gen_ai_operation_name", "chat")
                .serviceLevelObjectives(durations(DURATION_BUCKETS))
                .register(registry).record(total);
        Duration waited = call.failover() == null ? Duration.ZERO : call.failover().waitedOnTargets();
        Timer.builder("regiongate.gateway.overhead").description("Time of a request not spent waiting on a target")
                .tags("region", region)
                .serviceLevelObjectives(durations(OVERHEAD_BUCKETS))
                .register(registry).record(total.minus(waited).isNegative() ? Duration.ZERO : total.minus(waited));
        if (call.firstChunkAfter() != null) {
            Timer.builder("gen_ai.client.operation.time_to_first_chunk").description("Time to the first streamed chunk")
                    .tags("region", region, "tenant", tenant, "gen_ai_request_model", model, "upstream", upstream)
                    .serviceLevelObjectives(durations(DURATION_BUCKETS))
                    .register(registry).record(call.firstChunkAfter());
        }
        recordTokens(call, region, tenant, model, upstream);
        recordFailovers(call, region);
        recordRedactions(call, region);
        if (outcome.error() != null && RESIDENCY_CODES.contains(outcome.error().code())) {
            Counter.builder("regiongate.residency.refusals").description("Requests refused by residency, by reason")
                    .tags("region", region, "reason", outcome.error().code())
                    .register(registry).increment();
        }
    }

    private void recordTokens(GatewayCall call, String region, String tenant, String model, String upstream) {
        TokenUsage usage = call.answer().tally().usage();
        if (usage == null) {
            return;
        }
        token(region, tenant, model, upstream, "input", usage.promptTokens());
        token(region, tenant, model, upstream, "output", usage.completionTokens());
    }

    private void token(String region, String tenant, String model, String upstream, String type, Long count) {
        if (count == null || count < 0) {
            return;
        }
        DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used by chat operations")
                .tags("region", region, "tenant", tenant, "gen_ai_request_model", model, "upstream", upstream,
                        "gen_ai_token_type", type, "gen_ai_operation_name", "chat")
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry).record(count);
    }

    /** Each attempt that failed or was passed over is a failover from its target's region to the next one tried. */
    private void recordFailovers(GatewayCall call, String region) {
        if (call.failover() == null) {
            return;
        }
        List<Attempt> attempts = call.failover().attempts();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            if (attempt.succeeded()) {
                continue;
            }
            String to = i + 1 < attempts.size() ? attempts.get(i + 1).target().region() : MetricLabels.NONE;
            Counter.builder("regiongate.failovers").description("Targets failed or passed over, by source and target region and reason")
                    .tags("region", region, "source_region", attempt.target().region(), "target_region", to,
                            "reason", reason(attempt.outcome()))
                    .register(registry).increment();
        }
    }

    /** Values the request's redaction profile found, per type: names from configuration, never from the request. */
    private void recordRedactions(GatewayCall call, String region) {
        RedactionSession redaction = call.redaction();
        if (redaction == null) {
            return;
        }
        String profile = redaction.profile().name();
        String action = redaction.profile().action().word();
        redaction.counts().forEach((type, count) ->
                Counter.builder("regiongate.redactions").description("Personal values found by redaction profiles, by type")
                        .tags("region", region, "profile", profile, "type", type, "action", action)
                        .register(registry).increment(count));
    }

    /** {@code http-5xx} rather than each status, so that the set stays small and closed. */
    private static String reason(String outcome) {
        return outcome.startsWith("http-") && outcome.length() == 8 ? "http-" + outcome.charAt(5) + "xx" : outcome;
    }

    private static Duration[] durations(double[] seconds) {
        Duration[] durations = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            durations[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
        }
        return durations;
    }
}
