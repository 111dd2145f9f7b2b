package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Windows are read from the clock of the member that owns a tenant's counters, and its backup
 * stores the same windows: two runtimes whose clocks disagree by most of a minute count in one
 * minute, and neither resets the other's. Each member has its own, skewed, clock.
 */
class QuotaWindowsOnTheOwnersClockIT {

    private static final QuotaLimits PER_MINUTE = new QuotaLimits(0, 100, 0, 0);
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    @Test
    @Timeout(60)
    void skewedRuntimesCountInTheOwnersMinuteAndTheBackupKeepsIt() {
        // given two members whose clocks are 45 s apart, across a minute boundary
        SettableClock owners = SettableClock.at("2025-05-20T12:00:30Z");
        SettableClock skewed = owners.plus(Duration.ofSeconds(45));
        String cluster = TestClusters.uniqueCluster("eu-west-1");
        int[] ports = {TestClusters.freePort(), TestClusters.freePort()};
        members.add(Hazelcast.newHazelcastInstance(MemberClock.use(TestClusters.config("eu-west-1", cluster, ports[0], ports), owners)));
        members.add(Hazelcast.newHazelcastInstance(MemberClock.use(TestClusters.config("eu-west-1", cluster, ports[1], ports), skewed)));
        members.forEach(member -> TestClusters.awaitClusterSize(member, 2));
        String tenant = TestClusters.tenantOwnedBy(members.get(0));
        HazelcastQuotaLedger onOwner = ledger(members.get(0));
        HazelcastQuotaLedger onSkewed = ledger(members.get(1));

        // when the runtime on the owner uses up the minute
        assertThat(onOwner.admit(tenant, PER_MINUTE, 100).admitted()).isTrue();

        // then the runtime whose clock is already in the next minute is refused in the owner's minute
        QuotaDecision refused = onSkewed.admit(tenant, PER_MINUTE, 1);
        assertThat(refused.rejectedBy()).isEqualTo(QuotaWindow.MINUTE);
        assertThat(refused.retryAfter()).as("until the owner's minute ends").isEqualTo(Duration.ofSeconds(30));

        // and the backup holds the owner's minute: when the owner dies and the skewed member's clock
        // reads the owner's time again, that minute is still full
        members.get(0).getLifecycleService().terminate();
        TestClusters.awaitClusterSize(members.get(1), 1);
        long[] backup = members.get(1).<String, long[]>getMap(HazelcastQuotaLedger.COUNTERS_MAP).get(tenant);
        assertThat(backup[QuotaWindow.MINUTE.ordinal() * 2])
                .isEqualTo(Instant.parse("2025-05-20T12:00:00Z").toEpochMilli());
        skewed.now = owners.now;
        assertThat(onSkewed.admit(tenant, PER_MINUTE, 1).admitted()).isFalse();
    }

    private static HazelcastQuotaLedger ledger(HazelcastInstance member) {
        return new HazelcastQuotaLedger(member.<String, long[]>getMap(HazelcastQuotaLedger.COUNTERS_MAP),
                Duration.ofSeconds(10));
    }
}
