package io.regiongate.flow.answer;

import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.RateLimit;
import java.time.Duration;
import java.util.Map;

/**
 * OpenAI's rate-limit headers from a quota decision: {@code x-ratelimit-limit-requests},
 * {@code -remaining-requests}, {@code -reset-requests} for the request rate and the same three
 * with {@code -tokens} for the tightest token window, plus {@code Retry-After} (whole seconds) on a
 * refusal. A family the tenant has no limit for is left out.
 */
public final class RateLimitHeaders {

    public static final String RETRY_AFTER = "Retry-After";
    public static final String LIMIT_REQUESTS = "x-ratelimit-limit-requests";
    public static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    public static final String RESET_REQUESTS = "x-ratelimit-reset-requests";
    public static final String LIMIT_TOKENS = "x-ratelimit-limit-tokens";
    public static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
    public static final String RESET_TOKENS = "x-ratelimit-reset-tokens";

    private RateLimitHeaders() {
    }

    public static void addTo(Map<String, String> headers, QuotaDecision decision) {
        decision.requestLimit().ifPresent(limit -> put(headers, limit, LIMIT_REQUESTS, REMAINING_REQUESTS, RESET_REQUESTS));
        decision.tokenLimit().ifPresent(limit -> put(headers, limit, LIMIT_TOKENS, REMAINING_TOKENS, RESET_TOKENS));
        if (!decision.admitted()) {
            headers.put(RETRY_AFTER, Long.toString(retryAfterSeconds(decision.retryAfter())));
        }
    }

    /** Whole seconds, rounded up, at least 1: a client waiting that long finds the window reset. */
    public static long retryAfterSeconds(Duration retryAfter) {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** OpenAI's duration format: {@code 250ms}, {@code 1s}, {@code 6m0s}, {@code 20h3m12s}. */
    public static String format(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = (millis + 999) / 1000;
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + rest + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + rest + "s";
        }
        return rest + "s";
    }

    private static void put(Map<String, String> headers, RateLimit limit, String limitName, String remainingName,
                            String resetName) {
        headers.put(limitName, Long.toString(limit.limit()));
        headers.put(remainingName, Long.toString(limit.remaining()));
        headers.put(resetName, format(limit.reset()));
    }
}
