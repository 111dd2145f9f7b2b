package io.regiongate.hazelcast;

import io.regiongate.quota.QuotaCounters;
import io.regiongate.quota.QuotaLimits;
import java.util.Map;

/**
 * Runs on the owner of a tenant's counters (and, at the owner's instant, on its backup): replaces a
 * reservation by the real usage. Settling at 0 releases a reservation whose request never ran.
 */
public final class SettleEntryProcessor extends OwnerClockEntryProcessor<Void> {

    private static final long serialVersionUID = 2L;

    private final QuotaLimits limits;
    private final long[] reservedWindowStarts;
    private final long reserved;
    private final long actual;

    public SettleEntryProcessor(QuotaLimits limits, long[] reservedWindowStarts, long reserved, long actual) {
        this.limits = limits;
        this.reservedWindowStarts = reservedWindowStarts;
        this.reserved = reserved;
        this.actual = actual;
    }

    @Override
    Void apply(Map.Entry<String, long[]> entry, long nowMillis) {
        long[] after = QuotaCounters.settle(entry.getValue(), limits, reservedWindowStarts, reserved, actual, nowMillis);
        store(entry, after, QuotaCounters.ttlMillis(after, limits, nowMillis));
        return null;
    }
}
