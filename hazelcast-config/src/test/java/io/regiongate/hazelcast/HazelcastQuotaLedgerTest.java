package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Hazelcast ledger on a real member: same windows, same rollover, entries expire with their window. */
class HazelcastQuotaLedgerTest {

    private static HazelcastInstance member;
    // mid-month and mid-day: the entry's expiry (real time on the member) lies hours ahead
    private final SettableClock clock = new SettableClock(Instant.parse("2025-01-15T10:00:59.400Z"));

    @BeforeAll
    static void startMember() {
        member = TestClusters.start("eu-west-1", TestClusters.uniqueCluster("eu-west-1"), TestClusters.freePort()).get(0);
    }

    @AfterAll
    static void stopMember() {
        member.getLifecycleService().terminate();
    }

    private HazelcastQuotaLedger ledger() {
        return new HazelcastQuotaLedger(member.getMap(HazelcastQuotaLedger.COUNTERS_MAP), clock, Duration.ofSeconds(5));
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

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ledger.usage("settle", daily).used(QuotaWindow.DAY) != 123 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(ledger.usage("settle", daily).used(QuotaWindow.DAY)).isEqualTo(123);
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
    void mapHasOneSynchronousBackup() {
        assertThat(member.getConfig().getMapConfig(HazelcastQuotaLedger.COUNTERS_MAP).getBackupCount()).isEqualTo(1);
    }

    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
