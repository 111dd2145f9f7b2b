package io.regiongate.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.regiongate.quota.QuotaCounters;
import io.regiongate.quota.QuotaLimits;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs on the owner of a tenant's counters: replaces a reservation by the real usage. */
public final class SettleEntryProcessor implements EntryProcessor<String, long[], Void> {

    private static final long serialVersionUID = 1L;

    private final QuotaLimits limits;
    private final long[] reservedWindowStarts;
    private final long reserved;
    private final long actual;
    private final long nowMillis;

    public SettleEntryProcessor(QuotaLimits limits, long[] reservedWindowStarts, long reserved, long actual,
                                long nowMillis) {
        this.limits = limits;
        this.reservedWindowStarts = reservedWindowStarts;
        this.reserved = reserved;
        this.actual = actual;
        this.nowMillis = nowMillis;
    }

    @Override
    public Void process(Map.Entry<String, long[]> entry) {
        long[] after = QuotaCounters.settle(entry.getValue(), limits, reservedWindowStarts, reserved, actual, nowMillis);
        ((ExtendedMapEntry<String, long[]>) entry).setValue(after,
                QuotaCounters.ttlMillis(after, limits, nowMillis), TimeUnit.MILLISECONDS);
        return null;
    }
}
