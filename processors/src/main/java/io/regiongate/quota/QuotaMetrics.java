package io.regiongate.quota;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts admissions and refusals per tenant and reason, in memory, for the metrics endpoint to
 * come. Reasons: {@code admitted}, the refusing window's key ({@code requests-per-second}, ...),
 * {@code unavailable}.
 */
public final class QuotaMetrics {

    public static final String ADMITTED = "admitted";
    public static final String UNAVAILABLE = "unavailable";

    private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> counts = new ConcurrentHashMap<>();

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
                .computeIfAbsent(reason, key -> new LongAdder()).increment();
    }
}
