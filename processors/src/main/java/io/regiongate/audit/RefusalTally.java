package io.regiongate.audit;

import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Requests refused before a tenant was known (no key, or a key no tenant has) are not audited one
 * record each: a flood of them would fill the writer's queue and starve every tenant's trail.
 * They are counted here per reason and summarised in one {@link AuditEvent#REFUSALS} record per
 * interval ({@link #summary}). Thread-safe: requests count while the timer takes a summary.
 */
public final class RefusalTally {

    private final String region;
    private final Clock clock;
    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private Instant since;

    public RefusalTally(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** Whether a request's audit record is summarised here rather than written: no tenant was known. */
    public static boolean summarises(GatewayCall call) {
        return call.tenant() == null;
    }

    /** The reason a refused request is counted under: the error code the client got, else {@code http_<status>}. */
    public static String reason(GatewayCall call, int fallbackStatus) {
        Outcome outcome = call.outcome();
        OpenAiError error = outcome == null ? null : outcome.error();
        if (error != null && error.code() != null) {
            return error.code();
        }
        return "http_" + (outcome == null ? fallbackStatus : outcome.status());
    }

    public void count(String reason) {
        swap.readLock().lock();
        try {
            counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        } finally {
            swap.readLock().unlock();
        }
    }

    /**
     * The refusals counted since the last summary, as one {@link AuditEvent#REFUSALS} event, and the
     * count starts afresh; null when there were none (an interval without refusals leaves no record).
     */
    public AuditEvent summary() {
        Map<String, LongAdder> taken;
        Instant from;
        Instant to = clock.instant();
        swap.writeLock().lock();
        try {
            taken = counts;
            from = since;
            counts = new ConcurrentHashMap<>();
            since = to;
        } finally {
            swap.writeLock().unlock();
        }
        Map<String, Long> byReason = new TreeMap<>();
        taken.forEach((reason, count) -> byReason.put(reason, count.sum()));
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        return AuditEvent.refusals(region, to, new AuditEvent.Refusals(from.toString(), to.toString(), total, byReason));
    }
}
