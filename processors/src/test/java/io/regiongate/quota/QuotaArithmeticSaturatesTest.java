package io.regiongate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A huge token estimate is refused, never admitted: the estimate and the counters saturate at
 * Long.MAX_VALUE instead of wrapping round to a negative number that every limit would let through.
 */
class QuotaArithmeticSaturatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = MutableClock.at("2025-05-20T12:00:10Z");
    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(clock);
    private final QuotaLimits perMinute = new QuotaLimits(0, 100_000, 0, 0);
    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 99_999, 200_000, -1, Long.MIN_VALUE})
    void estimateAboveTheBudgetIsRefusedHoweverLarge(long estimate) {
        ledger.admit("acme", perMinute, 10);

        QuotaDecision decision = ledger.admit("acme", perMinute, estimate);

        assertThat(decision.admitted()).isFalse();
        assertThat(decision.rejectedBy()).isEqualTo(QuotaWindow.MINUTE);
        assertThat(ledger.usage("acme", perMinute).used(QuotaWindow.MINUTE)).isEqualTo(10);
    }

    @Test
    void maxTokensOfLongMaxValueIsRefusedLikeAnyRequestAboveTheBudget() throws Exception {
        long prompt = ESTIMATOR.promptTokens(JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        long huge = ESTIMATOR.estimate(prompt, JSON.readTree("{\"max_tokens\":9223372036854775807}"), 4096);
        long large = ESTIMATOR.estimate(prompt, JSON.readTree("{\"max_tokens\":200000}"), 4096);

        assertThat(huge).isEqualTo(Long.MAX_VALUE);
        assertThat(ledger.admit("acme", perMinute, huge).admitted()).isFalse();
        assertThat(ledger.admit("acme", perMinute, large).admitted()).isFalse();
        assertThat(ledger.usage("acme", perMinute).used(QuotaWindow.MINUTE)).isZero();
    }

    @Test
    void budgetsNearLongMaxValueStillRefuseWhatDoesNotFit() {
        QuotaLimits almostUnlimited = new QuotaLimits(0, Long.MAX_VALUE - 1, 0, Long.MAX_VALUE);
        assertThat(ledger.admit("acme", almostUnlimited, Long.MAX_VALUE - 10).admitted()).isTrue();

        QuotaDecision beyond = ledger.admit("acme", almostUnlimited, 100);

        assertThat(beyond.admitted()).isFalse();
        assertThat(ledger.usage("acme", almostUnlimited).used(QuotaWindow.MINUTE)).isEqualTo(Long.MAX_VALUE - 10);
        assertThat(beyond.tokens().remaining()).isEqualTo(9);
    }

    @Test
    void settlingHugeUsageSaturatesAndRefusesWhatFollows() {
        QuotaLimits daily = new QuotaLimits(0, 0, 1_000_000, Long.MAX_VALUE);
        QuotaDecision first = ledger.admit("acme", daily, 100);
        QuotaDecision second = ledger.admit("acme", daily, 100);

        ledger.settle(first.reservation(), Long.MAX_VALUE);
        ledger.settle(second.reservation(), Long.MAX_VALUE);

        QuotaUsage usage = ledger.usage("acme", daily);
        assertThat(usage.used(QuotaWindow.DAY)).isEqualTo(Long.MAX_VALUE);
        assertThat(usage.used(QuotaWindow.MONTH)).isEqualTo(Long.MAX_VALUE);
        assertThat(ledger.admit("acme", daily, 1).admitted()).isFalse();
    }

    @Test
    void settlingNeverLeavesANegativeCount() {
        QuotaLimits daily = new QuotaLimits(0, 0, 1_000_000, 0);
        QuotaDecision decision = ledger.admit("acme", daily, 500);

        ledger.settle(new QuotaReservation("acme", daily, Long.MAX_VALUE, decision.reservation().windowStarts(), false), 0);
        assertThat(ledger.usage("acme", daily).used(QuotaWindow.DAY)).isZero();

        ledger.settle(decision.reservation(), 0);
        assertThat(ledger.usage("acme", daily).used(QuotaWindow.DAY)).isZero();
    }

    @Test
    void negativeUsageCanOnlyBeAWrappedSumAndCountsAsTheMost() {
        QuotaLimits daily = new QuotaLimits(0, 0, 1_000_000, 0);
        QuotaDecision decision = ledger.admit("acme", daily, 500);

        ledger.settle(decision.reservation(), -7);

        assertThat(ledger.usage("acme", daily).used(QuotaWindow.DAY)).isEqualTo(Long.MAX_VALUE);
        assertThat(ledger.admit("acme", daily, 1).admitted()).isFalse();
    }

    @Test
    void windowArithmeticSaturatesAtTheEndOfTime() {
        assertThat(QuotaWindow.SECOND.end(QuotaWindow.SECOND.start(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(QuotaWindow.MONTH.end(QuotaWindow.MONTH.start(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(QuotaCounters.ttlMillis(null, new QuotaLimits(0, 0, 0, 10), Long.MIN_VALUE + 5)).isPositive();
    }
}
