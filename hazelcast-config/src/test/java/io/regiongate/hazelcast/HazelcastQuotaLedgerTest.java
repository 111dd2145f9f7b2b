package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Hazelcast ledger on a real member: same windows, same rollover, entries expire with their window. */
class HazelcastQuotaLedgerTest {

    private static HazelcastInstance member;
    // mid-month and mid-day: the entry's expiry (real time on the member) lies hours ahead
    private static final SettableClock CLOCK = new SettableClock(Instant.parse("2025-01-15T10:00:59.400Z"));
    private final SettableClock clock = CLOCK;

    HazelcastQuotaLedgerTest() {
        CLOCK.now = Instant.parse("2025-01-15T10:00:59.400Z");
    }

    @BeforeAll
    static void startMember() {
        member = TestClusters.startWithClock("eu-west-1", TestClusters.uniqueCluster("eu-west-1"), CLOCK,
                TestClusters.freePort()).get(0);
    }

    @AfterAll
    static void stopMember() {
        member.getLifecycleService().terminate();
    }

    private HazelcastQuotaLedger ledger() {
        return new HazelcastQuotaLedger(member.getMap(HazelcastQuotaLedger.COUNTERS_MAP), Duration.ofSeconds(5));
    }

    @Test
    void requestLimitResetsExactlyAtTheSecondBoundary() {
        HazelcastQuotaLedger ledger = ledger();
        QuotaLimits twoPerSecond = new QuotaLimits(2, 0, 1_000_000, 0);
        assertThat(ledger.admit("rollover", twoPerSecond, 1).admitted()).isTrue();
        assertThat(ledger.admit("rollover", twoPerSecond, 1).admitted()).isTrue();

        clock.now = Instant.parse("2025-01-15T10:00:59.999Z");
        QuotaDecision refused = ledger.admit("rollover", twoPerSecond, 1);
        assertThat(refused.rejectedBy()).isEqualTo(QuotaWindow.SECOND);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));

        clock.now = Instant.parse("2025-01-15T10:01:00Z");
        assertThat(ledger.admit("rollover", twoPerSecond, 1).admitted()).isTrue();
    }

    @Test
    void settlementReplacesTheReservation() throws Exception {
        HazelcastQuotaLedger ledger = ledger();
        QuotaLimits daily = new QuotaLimits(0, 0, 10_000, 0);
        QuotaDecision decision = ledger.admit("settle", daily, 4_000);
        assertThat(ledger.usage("settle", daily).used(QuotaWindow.DAY)).isEqualTo(4_000);

        ledger.settle(decision.reservation(), 123);

        Poll.until("the settlement is applied", () -> ledger.usage("settle", daily).used(QuotaWindow.DAY) == 123);
    }

    @Test
    void counterEntryExpiresAtTheEndOfItsLongestWindow() {
        clock.now = Instant.parse("2025-03-10T10:15:20Z");
        HazelcastQuotaLedger ledger = ledger();
        ledger.admit("ttl", new QuotaLimits(5, 1000, 0, 0), 10);

        IMap<String, long[]> map = member.getMap(HazelcastQuotaLedger.COUNTERS_MAP);
        long ttl = map.getEntryView("ttl").getTtl();
        assertThat(ttl).as("until the end of the minute window, plus the grace").isEqualTo(41_000);
    }

    @Test
    void hugeEstimateIsRefusedOnTheOwnerAndCountsNothing() {
        HazelcastQuotaLedger ledger = ledger();
        QuotaLimits perMinute = new QuotaLimits(0, 100_000, 0, 0);
        assertThat(ledger.admit("huge", perMinute, 10).admitted()).isTrue();

        assertThat(ledger.admit("huge", perMinute, Long.MAX_VALUE).rejectedBy()).isEqualTo(QuotaWindow.MINUTE);
        assertThat(ledger.admit("huge", perMinute, -1).rejectedBy()).isEqualTo(QuotaWindow.MINUTE);
        assertThat(ledger.usage("huge", perMinute).used(QuotaWindow.MINUTE)).isEqualTo(10);
    }

    @Test
    void mapHasOneSynchronousBackup() {
        assertThat(member.getConfig().getMapConfig(HazelcastQuotaLedger.COUNTERS_MAP).getBackupCount()).isEqualTo(1);
    }
}
