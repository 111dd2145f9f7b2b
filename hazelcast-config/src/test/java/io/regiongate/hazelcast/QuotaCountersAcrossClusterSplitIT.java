package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.regiongate.api.GatewayException;
import io.regiongate.quota.GuardedQuotaLedger;
import io.regiongate.quota.InMemoryQuotaLedger;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaStoreUnavailableException;
import io.regiongate.quota.QuotaWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three members of one region with {@code hazelcast.quorum: 2}, split by a real TCP partition into
 * two members and one: the lone member neither admits nor refuses on its own (it cannot update
 * counters: 503, or the local limiter with fail-open), the two keep counting from where the
 * cluster was, and after the network heals no usage is lost in the merge.
 */
class QuotaCountersAcrossClusterSplitIT {

    private static final String REGION = "eu-west-1";
    private static final int QUORUM = 2;
    private static final SettableClock CLOCK = SettableClock.at("2025-05-20T12:00:00Z");
    private static final QuotaLimits DAILY = new QuotaLimits(0, 0, 1_000, 0);

    private final PartitionableNetwork network = new PartitionableNetwork(3);
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(member -> member.getLifecycleService().terminate());
        network.close();
    }

    private void startMembers(int quorum) {
        String cluster = TestClusters.uniqueCluster(REGION);
        for (int i = 0; i < 3; i++) {
            members.add(Hazelcast.newHazelcastInstance(MemberClock.use(network.memberConfig(i, REGION, cluster, quorum), CLOCK)));
        }
        members.forEach(member -> TestClusters.awaitClusterSize(member, 3));
    }

    @Test
    @Timeout(120)
    void minorityRefusesMajorityCountsOnAndTheMergeLosesNoUsage() {
        // given three members, and a tenant whose counters the third member owns
        startMembers(QUORUM);
        HazelcastInstance minority = members.get(2);
        String tenant = TestClusters.tenantOwnedBy(minority);
        QuotaLedger onMajority = ledger(members.get(0));
        QuotaLedger onMinority = ledger(minority);
        assertThat(onMinority.admit(tenant, DAILY, 300).admitted()).isTrue();

        // when the third member is cut off
        network.split(Set.of(2));
        TestClusters.awaitClusterSize(minority, 1);
        TestClusters.awaitClusterSize(members.get(0), 2);
        Poll.until("the lone member has lost its quorum", () -> !minority.getSplitBrainProtectionService()
                .getSplitBrainProtection(RegionHazelcastConfigs.SPLIT_BRAIN_PROTECTION).hasMinimumSize());

        // then the lone member cannot count: Hazelcast's split-brain protection refuses, and the
        // runtime's policy decides: 503 when fail-closed, its local limiter when fail-open
        assertThatThrownBy(() -> onMinority.admit(tenant, DAILY, 700))
                .isInstanceOf(QuotaStoreUnavailableException.class)
                .hasRootCauseInstanceOf(SplitBrainProtectionException.class);
        assertThatThrownBy(() -> new GuardedQuotaLedger(onMinority, new InMemoryQuotaLedger(CLOCK), false)
                .admit(tenant, DAILY, 700))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(503));
        QuotaDecision local = new GuardedQuotaLedger(onMinority, new InMemoryQuotaLedger(CLOCK), true).admit(tenant, DAILY, 700);
        assertThat(local.reservation().local()).isTrue();

        // and the two members go on from the 300 counted before the split, no further
        assertThat(onMajority.usage(tenant, DAILY).used(QuotaWindow.DAY)).isEqualTo(300);
        assertThat(onMajority.admit(tenant, DAILY, 700).admitted()).isTrue();
        assertThat(onMajority.admit(tenant, DAILY, 1).admitted()).isFalse();

        // when the network heals, the lone member's version (300) merges into the majority's (1,000)
        network.heal();
        members.forEach(member -> TestClusters.awaitClusterSize(member, 3));

        // then nothing counted is lost, on any member
        for (HazelcastInstance member : members) {
            Poll.until("the merged counters on " + member.getName(),
                    () -> usedOrMinusOne(ledger(member), tenant) == 1_000);
        }
        assertThat(onMinority.admit(tenant, DAILY, 1).admitted()).isFalse();
    }

    @Test
    @Timeout(120)
    void withoutQuorumBothSidesCountAndTheMergeKeepsTheLargerCountOfEachTenant() {
        // given three members without split-brain protection (hazelcast.quorum: 1, the default),
        // a tenant whose counters the third member owns and one the first member owns
        startMembers(1);
        HazelcastInstance lone = members.get(2);
        String ownedByLone = TestClusters.tenantOwnedBy(lone);
        String ownedByPair = TestClusters.tenantOwnedBy(members.get(0));
        QuotaLedger onPair = ledger(members.get(0));
        QuotaLedger onLone = ledger(lone);
        assertThat(onPair.admit(ownedByLone, DAILY, 300).admitted()).isTrue();
        assertThat(onPair.admit(ownedByPair, DAILY, 300).admitted()).isTrue();

        // when the third member is cut off, each side counts on its own (the overshoot a quorum prevents)
        network.split(Set.of(2));
        TestClusters.awaitClusterSize(lone, 1);
        TestClusters.awaitClusterSize(members.get(0), 2);
        assertThat(onLone.admit(ownedByLone, DAILY, 600).admitted()).isTrue();
        assertThat(onPair.admit(ownedByLone, DAILY, 100).admitted()).isTrue();
        assertThat(onPair.admit(ownedByPair, DAILY, 500).admitted()).isTrue();
        assertThat(onLone.admit(ownedByPair, DAILY, 100).admitted()).isTrue();

        // then after healing each tenant keeps the larger count of its two versions: neither the
        // lone member's version (Hazelcast's pass-through) nor the pair's (put-if-absent) wins whole
        network.heal();
        members.forEach(member -> TestClusters.awaitClusterSize(member, 3));
        for (HazelcastInstance member : members) {
            Poll.until("the merged counters on " + member.getName(),
                    () -> usedOrMinusOne(ledger(member), ownedByLone) == 900 && usedOrMinusOne(ledger(member), ownedByPair) == 800);
        }
    }

    private static long usedOrMinusOne(QuotaLedger ledger, String tenant) {
        try {
            return ledger.usage(tenant, DAILY).used(QuotaWindow.DAY);
        } catch (QuotaStoreUnavailableException e) {
            return -1;
        }
    }

    private static QuotaLedger ledger(HazelcastInstance member) {
        return new HazelcastQuotaLedger(member.<String, long[]>getMap(HazelcastQuotaLedger.COUNTERS_MAP),
                Duration.ofMillis(500));
    }
}
