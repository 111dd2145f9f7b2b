package io.regiongate.hazelcast;

import io.regiongate.quota.QuotaCounters;
import io.regiongate.quota.QuotaLimits;
import java.util.Map;

/**
 * Runs on the member that owns a tenant's counters (and, at the owner's instant, on its backup):
 * admits one request against every limit at once, or refuses it. Returns an {@link AdmitResult}:
 * the refusing window (if any), the owner's instant, and the counters after the call.
 */
public final class AdmitEntryProcessor extends OwnerClockEntryProcessor<long[]> {

    private static final long serialVersionUID = 2L;

    private final QuotaLimits limits;
    private final long tokens;

    public AdmitEntryProcessor(QuotaLimits limits, long tokens) {
        this.limits = limits;
        this.tokens = tokens;
    }

    @Override
    long[] apply(Map.Entry<String, long[]> entry, long nowMillis) {
        long[] current = entry.getValue();
        QuotaCounters.Admission admission = QuotaCounters.admit(current, limits, nowMillis, tokens);
        long[] after = current;
        if (admission.admitted()) {
            after = admission.state();
            store(entry, after, QuotaCounters.ttlMillis(after, limits, nowMillis));
        }
        return AdmitResult.encode(admission.rejectedBy(), nowMillis, after);
    }
}
