package io.regiongate.quota;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many requests of each tenant this runtime is working on right now, against the tenant's
 * {@code max-concurrent-requests}. Local to the runtime: it guards the runtime's own workers and
 * upstream connections, not a regional budget.
 */
public final class ConcurrentRequests {

    private final ConcurrentHashMap<String, AtomicLong> inFlight = new ConcurrentHashMap<>();

    /** Counts one more request of the tenant unless it already has {@code limit} in flight. */
    public boolean tryEnter(String tenantId, long limit) {
        AtomicLong count = inFlight.computeIfAbsent(tenantId, id -> new AtomicLong());
        while (true) {
            long now = count.get();
            if (now >= limit) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** One request of the tenant ended; call once for each successful {@link #tryEnter}. */
    public void leave(String tenantId) {
        AtomicLong count = inFlight.get(tenantId);
        if (count != null) {
            count.updateAndGet(now -> Math.max(0, now - 1));
        }
    }

    public long inFlight(String tenantId) {
        AtomicLong count = inFlight.get(tenantId);
        return count == null ? 0 : count.get();
    }
}
