package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-tenant limits in this region; an absent value means no limit.
 *
 * @param defaultMaxTokens the completion tokens reserved for a request that names neither
 *                         {@code max_tokens} nor {@code max_completion_tokens}; absent means
 *                         {@value #DEFAULT_MAX_TOKENS}
 * @param maxConcurrentRequests the most requests of the tenant this runtime works on at once;
 *                         beyond, 429
 */
public record QuotaConfig(
        @JsonProperty("requests-per-second") Long requestsPerSecond,
        @JsonProperty("tokens-per-minute") Long tokensPerMinute,
        @JsonProperty("tokens-per-day") Long tokensPerDay,
        @JsonProperty("tokens-per-month") Long tokensPerMonth,
        @JsonProperty("default-max-tokens") Long defaultMaxTokens,
        @JsonProperty("max-concurrent-requests") Long maxConcurrentRequests) {

    public static final long DEFAULT_MAX_TOKENS = 4096;

    public QuotaConfig(Long requestsPerSecond, Long tokensPerMinute, Long tokensPerDay, Long tokensPerMonth) {
        this(requestsPerSecond, tokensPerMinute, tokensPerDay, tokensPerMonth, null, null);
    }

    public static QuotaConfig unlimited() {
        return new QuotaConfig(null, null, null, null, null, null);
    }

    /** The completion tokens reserved when the request names no maximum. */
    public long completionReserve() {
        return defaultMaxTokens == null ? DEFAULT_MAX_TOKENS : defaultMaxTokens;
    }
}
