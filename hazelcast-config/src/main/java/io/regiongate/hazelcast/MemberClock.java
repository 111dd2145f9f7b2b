package io.regiongate.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;

/**
 * The clock of a member of the quota cluster: the one its counters' windows are read from. The
 * system clock, unless the member was configured with another (tests give each member its own,
 * skewed, clock through the member's user context).
 */
public final class MemberClock {

    /** Key of the {@link Clock} in a member's {@link Config#getUserContext() user context}. */
    public static final String USER_CONTEXT_KEY = "regiongate.quota.clock";

    private MemberClock() {
    }

    /** Makes members started from {@code config} read their windows from {@code clock}. */
    public static Config use(Config config, Clock clock) {
        config.getUserContext().put(USER_CONTEXT_KEY, clock);
        return config;
    }

    static Clock of(HazelcastInstance member) {
        Object clock = member == null ? null : member.getUserContext().get(USER_CONTEXT_KEY);
        return clock instanceof Clock configured ? configured : Clock.systemUTC();
    }
}
