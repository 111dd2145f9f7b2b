package io.regiongate.flow.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.quota.InMemoryQuotaLedger;
import io.regiongate.quota.MutableClock;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    @Test
    void formatsResetsTheWayOpenAiDoes() {
        assertThat(RateLimitHeaders.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(RateLimitHeaders.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(RateLimitHeaders.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.format(Duration.ofSeconds(3600 * 20 + 192))).isEqualTo("20h3m12s");
    }

    @Test
    void refusalCarriesRetryAfterInWholeSecondsRoundedUpAndBothFamilies() {
        MutableClock clock = MutableClock.at("2025-05-20T12:00:10.200Z");
        InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(clock);
        QuotaLimits limits = new QuotaLimits(1, 1000, 0, 0);
        ledger.admit("acme", limits, 100);

        QuotaDecision refused = ledger.admit("acme", limits, 100);
        Map<String, String> headers = new LinkedHashMap<>();
        RateLimitHeaders.addTo(headers, refused);

        assertThat(headers).containsEntry("Retry-After", "1")
                .containsEntry("x-ratelimit-limit-requests", "1")
                .containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-reset-requests", "800ms")
                .containsEntry("x-ratelimit-limit-tokens", "1000")
                .containsEntry("x-ratelimit-remaining-tokens", "900")
                .containsEntry("x-ratelimit-reset-tokens", "50s");
    }

    @Test
    void admittedRequestCarriesNoRetryAfter() {
        InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(MutableClock.at("2025-05-20T12:00:10Z"));
        Map<String, String> headers = new LinkedHashMap<>();
        RateLimitHeaders.addTo(headers, ledger.admit("acme", new QuotaLimits(5, 0, 0, 0), 1));
        assertThat(headers).doesNotContainKey("Retry-After").containsEntry("x-ratelimit-remaining-requests", "4")
                .doesNotContainKey("x-ratelimit-limit-tokens");
    }
}
