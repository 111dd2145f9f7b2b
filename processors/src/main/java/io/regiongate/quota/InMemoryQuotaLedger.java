package io.regiongate.quota;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counters in this process only: the ledger of unit tests, and the local limiter a runtime falls
 * back to when the region's cluster is unreachable and {@code on-unavailable} is {@code fail-open}.
 * Each update is atomic per tenant ({@link ConcurrentMap#compute}).
 */
public final class InMemoryQuotaLedger implements QuotaLedger {

    private final Clock clock;
    private final ConcurrentMap<String, long[]> counters = new ConcurrentHashMap<>();

    public InMemoryQuotaLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public QuotaDecision admit(String tenant, QuotaLimits limits, long estimatedTokens) {
        if (limits.isEmpty()) {
            return QuotaDecision.unlimited(tenant);
        }
        long now = clock.millis();
        QuotaDecision[] decision = new QuotaDecision[1];
        counters.compute(tenant, (key, current) -> {
            QuotaCounters.Admission admission = QuotaCounters.admit(current, limits, now, estimatedTokens);
            long[] after = admission.admitted() ? admission.state() : current;
            decision[0] = QuotaDecision.of(tenant, limits, estimatedTokens, after, admission, now);
            return after;
        });
        return decision[0];
    }

    @Override
    public void settle(QuotaReservation reservation, long actualTokens) {
        if (reservation.limits().isEmpty()) {
            return;
        }
        long now = clock.millis();
        counters.compute(reservation.tenant(), (key, current) -> QuotaCounters.settle(current, reservation.limits(),
                reservation.windowStarts(), reservation.tokens(), actualTokens, now));
    }

    @Override
    public QuotaUsage usage(String tenant, QuotaLimits limits) {
        return QuotaUsage.of(tenant, limits, counters.get(tenant), clock.millis());
    }
}
