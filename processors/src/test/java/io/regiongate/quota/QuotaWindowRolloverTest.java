package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each limit resets exactly at its UTC window boundary: not a millisecond before, not after. */
class QuotaWindowRolloverTest {

    private final MutableClock clock = MutableClock.at("2025-01-31T23:59:59.400Z");
    private final QuotaLedger ledger = new InMemoryQuotaLedger(clock);

    @Test
    void requestLimitResetsExactlyAtTheNextSecond() {
        QuotaLimits twoPerSecond = new QuotaLimits(2, 0, 0, 0);
        assertThat(ledger.admit("acme", twoPerSecond, 10).admitted()).isTrue();
        assertThat(ledger.admit("acme", twoPerSecond, 10).admitted()).isTrue();

        clock.set("2025-01-31T23:59:59.999Z");
        QuotaDecision third = ledger.admit("acme", twoPerSecond, 10);
        assertThat(third.admitted()).isFalse();
        assertThat(third.rejectedBy()).isEqualTo(QuotaWindow.SECOND);
        assertThat(third.retryAfter()).isEqualTo(Duration.ofMillis(1));
        assertThat(third.requests().remaining()).isZero();

        clock.set("2025-02-01T00:00:00.000Z");
        QuotaDecision atBoundary = ledger.admit("acme", twoPerSecond, 10);
        assertThat(atBoundary.admitted()).isTrue();
        assertThat(atBoundary.requests().remaining()).isEqualTo(1);
    }

    @Test
    void minuteTokenLimitResetsExactlyAtTheNextMinute() {
        QuotaLimits hundredPerMinute = new QuotaLimits(0, 100, 0, 0);
        clock.set("2025-03-10T10:15:00.000Z");
        assertThat(ledger.admit("acme", hundredPerMinute, 100).admitted()).isTrue();

        clock.set("2025-03-10T10:15:59.999Z");
        QuotaDecision refused = ledger.admit("acme", hundredPerMinute, 1);
        assertThat(refused.rejectedBy()).isEqualTo(QuotaWindow.MINUTE);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));

        clock.set("2025-03-10T10:16:00.000Z");
        assertThat(ledger.admit("acme", hundredPerMinute, 100).admitted()).isTrue();
    }

    @Test
    void dailyBudgetResetsAtUtcMidnight() {
        QuotaLimits thousandPerDay = new QuotaLimits(0, 0, 1000, 0);
        clock.set("2025-03-10T00:00:00.000Z");
        assertThat(ledger.admit("acme", thousandPerDay, 1000).admitted()).isTrue();

        clock.set("2025-03-10T23:59:59.999Z");
        QuotaDecision refused = ledger.admit("acme", thousandPerDay, 1);
        assertThat(refused.rejectedBy()).isEqualTo(QuotaWindow.DAY);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));

        clock.set("2025-03-11T00:00:00.000Z");
        assertThat(ledger.admit("acme", thousandPerDay, 1000).admitted()).isTrue();
    }

    @Test
    void monthlyBudgetFollowsTheCalendarMonthIncludingLeapFebruary() {
        QuotaLimits monthly = new QuotaLimits(0, 0, 0, 500);
        clock.set("2024-02-01T00:00:00.000Z");
        assertThat(ledger.admit("acme", monthly, 500).admitted()).isTrue();

        clock.set("2024-02-29T23:59:59.999Z");
        QuotaDecision refused = ledger.admit("acme", monthly, 1);
        assertThat(refused.rejectedBy()).isEqualTo(QuotaWindow.MONTH);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));

        clock.set("2024-03-01T00:00:00.000Z");
        assertThat(ledger.admit("acme", monthly, 500).admitted()).isTrue();
    }

    @Test
    void tenantsAreCountedApart() {
        QuotaLimits onePerSecond = new QuotaLimits(1, 0, 0, 0);
        assertThat(ledger.admit("acme", onePerSecond, 0).admitted()).isTrue();
        assertThat(ledger.admit("globex", onePerSecond, 0).admitted()).isTrue();
        assertThat(ledger.admit("acme", onePerSecond, 0).admitted()).isFalse();
    }
}
