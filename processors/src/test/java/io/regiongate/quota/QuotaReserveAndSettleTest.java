package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A reservation holds its estimate until settlement replaces it by the real usage. */
class QuotaReserveAndSettleTest {

    private final MutableClock clock = MutableClock.at("2025-05-20T12:00:10Z");
    private final QuotaLedger ledger = new InMemoryQuotaLedger(clock);
    private final QuotaLimits limits = new QuotaLimits(10, 1000, 5000, 0);

    @Test
    void reservationCountsUntilSettledThenTheRealUsageReplacesIt() {
        QuotaDecision decision = ledger.admit("acme", limits, 400);
        assertThat(ledger.usage("acme", limits).used(QuotaWindow.MINUTE)).isEqualTo(400);
        assertThat(decision.tokens().remaining()).isEqualTo(600);

        ledger.settle(decision.reservation(), 120);

        QuotaUsage usage = ledger.usage("acme", limits);
        assertThat(usage.used(QuotaWindow.MINUTE)).isEqualTo(120);
        assertThat(usage.used(QuotaWindow.DAY)).isEqualTo(120);
        assertThat(usage.used(QuotaWindow.SECOND)).isEqualTo(1);
    }

    @Test
    void usageBeyondTheReservationIsChargedToo() {
        QuotaDecision decision = ledger.admit("acme", limits, 100);
        ledger.settle(decision.reservation(), 250);
        assertThat(ledger.usage("acme", limits).used(QuotaWindow.DAY)).isEqualTo(250);
    }

    @Test
    void refusedRequestIsNotCountedInAnyWindow() {
        ledger.admit("acme", limits, 900);
        QuotaDecision refused = ledger.admit("acme", limits, 200);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.rejectedBy()).isEqualTo(QuotaWindow.MINUTE);
        assertThat(refused.reservation()).isNull();
        QuotaUsage usage = ledger.usage("acme", limits);
        assertThat(usage.used(QuotaWindow.SECOND)).isEqualTo(1);
        assertThat(usage.used(QuotaWindow.DAY)).isEqualTo(900);
    }

    @Test
    void settlingAfterTheMinuteRolledOverRefundsNothingThereButKeepsTheDayExact() {
        QuotaDecision decision = ledger.admit("acme", limits, 400);
        clock.advance(Duration.ofMinutes(1));

        ledger.settle(decision.reservation(), 150);

        QuotaUsage usage = ledger.usage("acme", limits);
        assertThat(usage.used(QuotaWindow.MINUTE)).as("the new minute owes nothing of the old one").isZero();
        assertThat(usage.used(QuotaWindow.DAY)).isEqualTo(150);
    }

    @Test
    void tokensReportTheTightestWindow() {
        QuotaLimits tightDay = new QuotaLimits(0, 1000, 300, 0);
        QuotaDecision decision = ledger.admit("acme", tightDay, 100);
        assertThat(decision.tokens().window()).isEqualTo(QuotaWindow.DAY);
        assertThat(decision.tokens().remaining()).isEqualTo(200);
        assertThat(decision.requests()).as("no request limit, no request headers").isNull();
    }

    @Test
    void concurrentReservationsNeverExceedTheBudget() throws Exception {
        QuotaLimits budget = new QuotaLimits(0, 0, 1000, 0);
        int threads = 8;
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    if (ledger.admit("acme", budget, 7).admitted()) {
                        admitted.incrementAndGet();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(admitted.get()).isEqualTo(1000 / 7);
        assertThat(ledger.usage("acme", budget).used(QuotaWindow.DAY)).isEqualTo(1000 / 7 * 7);
    }
}
