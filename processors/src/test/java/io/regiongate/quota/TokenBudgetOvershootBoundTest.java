package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bound the README states: the tokens really used in a window exceed its budget by at most the
 * sum, over the requests in flight, of what each used beyond its reservation; so by nothing when no
 * request uses more than its estimate (the upstream honours max_tokens and the prompt count holds).
 */
class TokenBudgetOvershootBoundTest {

    private static final long BUDGET = 20_000;
    private static final long ESTIMATE = 100;
    private static final int CALLERS = 8;

    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(MutableClock.at("2025-05-20T12:00:00Z"));
    private final QuotaLimits daily = new QuotaLimits(0, 0, BUDGET, 0);

    private long run(long maxExcess) throws InterruptedException {
        AtomicLong charged = new AtomicLong();
        Thread[] callers = new Thread[CALLERS];
        for (int c = 0; c < CALLERS; c++) {
            SplittableRandom random = new SplittableRandom(c);
            callers[c] = new Thread(() -> {
                while (true) {
                    QuotaDecision decision = ledger.admit("acme", daily, ESTIMATE);
                    if (!decision.admitted()) {
                        return;
                    }
                    long actual = ESTIMATE / 2 + random.nextLong(ESTIMATE / 2 + maxExcess + 1);
                    charged.addAndGet(actual);
                    ledger.settle(decision.reservation(), actual);
                }
            });
            callers[c].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(ledger.usage("acme", daily).used(QuotaWindow.DAY)).as("settled usage equals what was charged")
                .isEqualTo(charged.get());
        return charged.get();
    }

    @Test
    void neverExceedsTheBudgetWhenNoRequestUsesMoreThanItsEstimate() throws InterruptedException {
        long used = run(0);
        assertThat(used).isLessThanOrEqualTo(BUDGET).isGreaterThan(BUDGET - CALLERS * ESTIMATE);
    }

    @Test
    void exceedsItByAtMostTheExcessOfTheRequestsInFlight() throws InterruptedException {
        long maxExcess = 30;
        long used = run(maxExcess);
        assertThat(used).isLessThanOrEqualTo(BUDGET + CALLERS * maxExcess);
    }
}
