package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaStoreUnavailableException;
import io.regiongate.quota.QuotaWindow;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An admission that its caller gave up on (no answer within {@code hazelcast.timeout}) but that the
 * owner applies afterwards leaves nothing reserved: its reservation is released once, when the
 * late answer says it was admitted. On a real member whose partition thread is held busy.
 */
class TimedOutAdmissionIsReleasedTest {

    private static final QuotaLimits DAILY = new QuotaLimits(0, 0, 1_000, 0);
    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        member = TestClusters.startWithClock("eu-west-1", TestClusters.uniqueCluster("eu-west-1"),
                SettableClock.at("2025-05-20T12:00:00Z"), TestClusters.freePort()).get(0);
    }

    @AfterAll
    static void stopMember() {
        member.getLifecycleService().terminate();
    }

    @Test
    void admissionAnsweredAfterTheTimeoutIsReleasedOnce() throws Exception {
        IMap<String, long[]> counters = member.getMap(HazelcastQuotaLedger.COUNTERS_MAP);
        HazelcastQuotaLedger ledger = new HazelcastQuotaLedger(counters, Duration.ofSeconds(10));
        HazelcastQuotaLedger impatient = new HazelcastQuotaLedger(counters, Duration.ofMillis(200));
        assertThat(ledger.admit("acme", DAILY, 300).admitted()).isTrue();
        long versionBefore = counters.getEntryView("acme").getVersion();

        // given the partition thread that owns acme's counters is busy
        Busy.start();
        counters.submitToKey("acme", new Busy());
        assertThat(Busy.entered.await(10, TimeUnit.SECONDS)).isTrue();

        // when an admission gets no answer in time, the caller counts the cluster as unreachable
        assertThatThrownBy(() -> impatient.admit("acme", DAILY, 400)).isInstanceOf(QuotaStoreUnavailableException.class)
                .hasMessageContaining("no answer within 200 ms");

        // then once the owner gets to it, it is admitted, and released right after: two updates
        Busy.release.countDown();
        Poll.until("the late admission and its release", () -> counters.getEntryView("acme").getVersion() == versionBefore + 2);
        assertThat(ledger.usage("acme", DAILY).used(QuotaWindow.DAY)).as("only what was admitted in time").isEqualTo(300);
        assertThat(ledger.admit("acme", DAILY, 700).admitted()).isTrue();
        assertThat(ledger.admit("acme", DAILY, 1).admitted()).isFalse();
    }

    /** Holds the partition thread of its key until the test lets it go. */
    static final class Busy implements EntryProcessor<String, long[], Void> {
        static volatile CountDownLatch entered;
        static volatile CountDownLatch release;

        static void start() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public EntryProcessor<String, long[], Void> getBackupProcessor() {
            return null;
        }
    }
}
