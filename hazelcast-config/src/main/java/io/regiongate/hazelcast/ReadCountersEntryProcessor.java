package io.regiongate.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Reads a tenant's counters on their owner, with the owner's instant: the windows the admin
 * endpoint shows are the ones admissions count in. Changes nothing, so needs no backup.
 */
final class ReadCountersEntryProcessor implements EntryProcessor<String, long[], long[]>, ReadOnly,
        HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
        return AdmitResult.encode(null, MemberClock.of(member).millis(), entry.getValue());
    }

    @Override
    public EntryProcessor<String, long[], long[]> getBackupProcessor() {
        return null;
    }
}
