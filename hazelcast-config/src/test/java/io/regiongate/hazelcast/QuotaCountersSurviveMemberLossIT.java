package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaWindow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 4: one of two members is killed (no graceful shutdown) while requests are being
 * admitted; every tenant's counters survive on the other member (synchronous backup).
 */
class QuotaCountersSurviveMemberLossIT {

    private static final String REGION = "eu-west-1";
    private static final int TENANTS = 40;
    private List<HazelcastInstance> members;

    @AfterEach
    void stopMembers() {
        if (members != null) {
            members.forEach(member -> member.getLifecycleService().terminate());
        }
    }

    @Test
    @Timeout(90)
    void countersSurviveWhenOneOfTwoMembersIsKilledUnderLoad() throws Exception {
        // given two members of one region's cluster, and a runtime's ledger on the first
        members = TestClusters.start(REGION, TestClusters.uniqueCluster(REGION), TestClusters.freePort(),
                TestClusters.freePort());
        HazelcastInstance survivor = members.get(0);
        HazelcastInstance victim = members.get(1);
        TestClusters.awaitClusterSize(survivor, 2);
        HazelcastQuotaLedger ledger = new HazelcastQuotaLedger(survivor.getMap(HazelcastQuotaLedger.COUNTERS_MAP),
                Duration.ofSeconds(30));
        QuotaLimits daily = new QuotaLimits(0, 0, 1_000_000_000L, 0);

        // when requests of 40 tenants are admitted while the second member is killed
        long[] attempts = new long[TENANTS];
        long[] admitted = new long[TENANTS];
        AtomicLong round = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            while (round.get() < 30) {
                for (int t = 0; t < TENANTS; t++) {
                    attempts[t]++;
                    try {
                        if (ledger.admit("tenant-" + t, daily, 10).admitted()) {
                            admitted[t]++;
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
                round.incrementAndGet();
            }
        }, "admit-load");
        load.start();
        Poll.until("ten rounds of admissions", () -> round.get() >= 10 || !load.isAlive());
        victim.getLifecycleService().terminate();
        load.join();

        // then every tenant's counter holds what was admitted: nothing lost
        TestClusters.awaitClusterSize(survivor, 1);
        for (int t = 0; t < TENANTS; t++) {
            long used = ledger.usage("tenant-" + t, daily).used(QuotaWindow.DAY);
            assertThat(used).as("tenant-%d: admitted %d of %d attempts", t, admitted[t], attempts[t])
                    .isGreaterThanOrEqualTo(admitted[t] * 10)
                    .isLessThanOrEqualTo(attempts[t] * 10);
        }
        assertThat(failure.get()).as("admissions during the kill").isNull();
    }
}
