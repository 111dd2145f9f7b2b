package io.regiongate.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.regiongate.quota.QuotaCounters;
import io.regiongate.quota.QuotaLimits;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs on the member that owns a tenant's counters (and again, identically, on its backup):
 * admits one request against every limit at once, or refuses it. The caller's clock reading travels
 * with it, so owner and backup compute the same windows. Returns the counters after the call with
 * one more slot: the ordinal of the refusing window, or -1 when admitted.
 */
public final class AdmitEntryProcessor implements EntryProcessor<String, long[], long[]> {

    private static final long serialVersionUID = 1L;

    private final QuotaLimits limits;
    private final long nowMillis;
    private final long tokens;

    public AdmitEntryProcessor(QuotaLimits limits, long nowMillis, long tokens) {
        this.limits = limits;
        this.nowMillis = nowMillis;
        this.tokens = tokens;
    }

    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
        long[] current = entry.getValue();
        QuotaCounters.Admission admission = QuotaCounters.admit(current, limits, nowMillis, tokens);
        long[] after = current;
        if (admission.admitted()) {
            after = admission.state();
            ((ExtendedMapEntry<String, long[]>) entry).setValue(after,
                    QuotaCounters.ttlMillis(after, limits, nowMillis), TimeUnit.MILLISECONDS);
        }
        long[] result = Arrays.copyOf(after == null ? QuotaCounters.empty() : after, QuotaCounters.SIZE + 1);
        result[QuotaCounters.SIZE] = admission.admitted() ? -1 : admission.rejectedBy().ordinal();
        return result;
    }
}
