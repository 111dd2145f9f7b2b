package io.regiongate.quota;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts admissions and refusals per tenant and reason, for the admin usage report and as the
 * metric {@code regiongate_quota_decisions_total{region, tenant, outcome}}. Reasons: {@code admitted},
 * the refusing window's key ({@code requests-per-second}, ...), {@code unavailable}.
 */
public final class QuotaMetrics {

    public static final String ADMITTED = "admitted";
    public static final String UNAVAILABLE = "unavailable";

    private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final String region;

    public QuotaMetrics(MeterRegistry registry, String region) {
        this.registry = registry;
        this.region = region;
    }

    /** Counts kept only for the usage report. */
    public QuotaMetrics() {
        this(new SimpleMeterRegistry(), "-");
    }

    public void admitted(String tenant) {
        increment(tenant, ADMITTED);
    }

    public void rejected(String tenant, QuotaWindow window) {
        increment(tenant, window.key());
    }

    public void unavailable(String tenant) {
        increment(tenant, UNAVAILABLE);
    }

    public long count(String tenant, String reason) {
        Map<String, LongAdder> ofTenant = counts.get(tenant);
        LongAdder adder = ofTenant == null ? null : ofTenant.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** Reason → count for one tenant, sorted by reason. */
    public Map<String, Long> snapshot(String tenant) {
        Map<String, Long> snapshot = new TreeMap<>();
        Map<String, LongAdder> ofTenant = counts.get(tenant);
        if (ofTenant != null) {
            ofTenant.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
        }
        return snapshot;
    }

    private void increment(String tenant, String reason) {
        counts.computeIfAbsent(tenant, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, key -> {
                    FunctionCounter.builder("regiongate.quota.decisions", this, metrics -> metrics.count(tenant, key))
                            .description("Quota admissions and refusals, by window")
                            .tags("region", region, "tenant", tenant, "outcome", key)
                            .register(registry);
                    return new LongAdder();
                }).increment();
    }
}
