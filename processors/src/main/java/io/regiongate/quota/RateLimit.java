package io.regiongate.quota;

import java.time.Duration;

/**
 * One family of OpenAI's {@code x-ratelimit-*} headers: the limit, what remains of it, and how long
 * until it resets.
 */
public record RateLimit(QuotaWindow window, long limit, long remaining, Duration reset) {
}
