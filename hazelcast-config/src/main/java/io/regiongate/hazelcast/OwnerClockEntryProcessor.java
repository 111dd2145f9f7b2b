package io.regiongate.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An update of a tenant's counters that reads the time from the member that owns them, never from
 * the caller: runtimes whose clocks are skewed then agree on one window, and none resets another's.
 * The backup runs the same update at the owner's instant ({@link AtOwnerInstant}), so owner and
 * backup compute the same windows whatever the backup member's clock says.
 */
abstract class OwnerClockEntryProcessor<R> implements EntryProcessor<String, long[], R>, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private transient HazelcastInstance member;
    private transient long ownerNow;
    private transient boolean changed;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public final R process(Map.Entry<String, long[]> entry) {
        ownerNow = MemberClock.of(member).millis();
        changed = false;
        return apply(entry, ownerNow);
    }

    /** The update itself, at {@code nowMillis} of the owner; writes through {@link #store}. */
    abstract R apply(Map.Entry<String, long[]> entry, long nowMillis);

    /** Stores the new counters, expiring after {@code ttlMillis}. */
    final void store(Map.Entry<String, long[]> entry, long[] counters, long ttlMillis) {
        ((ExtendedMapEntry<String, long[]>) entry).setValue(counters, ttlMillis, TimeUnit.MILLISECONDS);
        changed = true;
    }

    /** The same update at the owner's instant; none when the owner changed nothing. */
    @Override
    public final EntryProcessor<String, long[], R> getBackupProcessor() {
        return changed ? new AtOwnerInstant<>(this, ownerNow) : null;
    }

    /** The backup of an update: applied at the instant the owner read, not at the backup's own. */
    static final class AtOwnerInstant<R> implements EntryProcessor<String, long[], R> {

        private static final long serialVersionUID = 1L;

        private final OwnerClockEntryProcessor<R> update;
        private final long ownerNow;

        AtOwnerInstant(OwnerClockEntryProcessor<R> update, long ownerNow) {
            this.update = update;
            this.ownerNow = ownerNow;
        }

        @Override
        public R process(Map.Entry<String, long[]> entry) {
            return update.apply(entry, ownerNow);
        }

        @Override
        public EntryProcessor<String, long[], R> getBackupProcessor() {
            return null;
        }
    }
}
