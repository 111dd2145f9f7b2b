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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Duration[] DURATION_SLOS = durations(DURATION_BUCKETS);
    private static final Duration[] OVERHEAD_SLOS = durations(OVERHEAD_BUCKETS);

    private final MeterRegistry registry;
    private final Supplier<MetricLabels> currentLabels;
    /**
     * The meters every request records, by their labels: registering through a builder per request
     * sorts the tags and looks the meter up again. Labels are closed sets, so these stay small.
     */
    private final Map<RequestLabels, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<String, Timer> overheadTimers = new ConcurrentHashMap<>();
    /** Registered when a request first has tokens of that kind to record, as before: an error alone adds no token series. */
    private final Map<TokenLabels, DistributionSummary> tokenSummaries = new ConcurrentHashMap<>();

    private record RequestLabels(String region, String tenant, String model, String upstream, String statusClass) {
    }

    private record RequestMeters(Counter requests, Timer duration) {
    }

    private record TokenLabels(String region, String tenant, String model, String upstream, String type) {
    }

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
        RequestMeters meters = requestMeters.computeIfAbsent(new RequestLabels(region, tenant, model, upstream, statusClass),
                this::registerRequestMeters);
        meters.requests().increment();
        Duration total = call.elapsed();
        meters.duration().record(total);
        Duration waited = call.failover() == null ? Duration.ZERO : call.failover().waitedOnTargets();
        overheadTimers.computeIfAbsent(region, this::registerOverheadTimer)
                .record(total.minus(waited).isNegative() ? Duration.ZERO : total.minus(waited));
        if (call.firstChunkAfter() != null) {
            Timer.builder("gen_ai.client.operation.time_to_first_chunk").description("Time to the first streamed chunk")
                    .tags("region", region, "tenant", tenant, "gen_ai_request_model", model, "upstream", upstream)
                    .serviceLevelObjectives(DURATION_SLOS)
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

    private RequestMeters registerRequestMeters(RequestLabels labels) {
        Counter requests = Counter.builder("regiongate.requests").description("API requests answered, by outcome")
                .tags("region", labels.region(), "tenant", labels.tenant(), "model", labels.model(),
                        "upstream", labels.upstream(), "status_class", labels.statusClass())
                .register(registry);
        Timer duration = Timer.builder("gen_ai.client.operation.duration").description("Duration of chat operations, end to end")
                .tags("region", labels.region(), "tenant", labels.tenant(), "gen_ai_request_model", labels.model(),
                        "upstream", labels.upstream(), "status_class", labels.statusClass(), "gen_ai_operation_name", "chat")
                .serviceLevelObjectives(DURATION_SLOS)
                .register(registry);
        return new RequestMeters(requests, duration);
    }

    private DistributionSummary registerTokens(TokenLabels labels) {
        return DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens used by chat operations")
                .tags("region", labels.region(), "tenant", labels.tenant(), "gen_ai_request_model", labels.model(),
                        "upstream", labels.upstream(), "gen_ai_token_type", labels.type(), "gen_ai_operation_name", "chat")
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry);
    }

    private Timer registerOverheadTimer(String region) {
        return Timer.builder("regiongate.gateway.overhead").description("Time of a request not spent waiting on a target")
                .tags("region", region)
                .serviceLevelObjectives(OVERHEAD_SLOS)
                .register(registry);
    }

    private void recordTokens(GatewayCall call, String region, String tenant, String model, String upstream) {
        TokenUsage usage = call.answer().tally().usage();
        if (usage == null) {
            return;
        }
        token(new TokenLabels(region, tenant, model, upstream, "input"), usage.promptTokens());
        token(new TokenLabels(region, tenant, model, upstream, "output"), usage.completionTokens());
    }

    private void token(TokenLabels labels, Long count) {
        if (count != null && count >= 0) {
            tokenSummaries.computeIfAbsent(labels, this::registerTokens).record(count);
        }
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
