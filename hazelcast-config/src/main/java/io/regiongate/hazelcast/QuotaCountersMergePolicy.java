package io.regiongate.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.regiongate.quota.QuotaCounters;

/**
 * How a tenant's counters join when a split cluster heals: {@link QuotaCounters#merge}, per
 * window the larger count of the same window, a newer window over an older one. Neither side's
 * version simply wins, so usage counted on the side that merges into the other is not lost.
 */
public final class QuotaCountersMergePolicy implements SplitBrainMergePolicy<long[], MergingValue<long[]>, Object> {

    @Override
    public Object merge(MergingValue<long[]> merging, MergingValue<long[]> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        return QuotaCounters.merge(merging.getDeserializedValue(), existing.getDeserializedValue());
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no state
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no state
    }
}
