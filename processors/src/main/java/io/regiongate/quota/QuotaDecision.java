package io.regiongate.quota;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer of {@link QuotaLedger#admit}: admitted (with the reservation to settle later) or
 * refused by one window, and what remains of the request and token limits for the response's
 * {@code x-ratelimit-*} headers.
 *
 * @param rejectedBy the window whose limit the request did not fit; null when admitted
 * @param retryAfter when a refused request may be tried again (the end of that window); zero when admitted
 * @param requests   the request-rate family; null when the tenant has no request limit
 * @param tokens     the token family of the tightest token window; null when the tenant has no token limit
 */
public record QuotaDecision(QuotaWindow rejectedBy, Duration retryAfter, RateLimit requests, RateLimit tokens,
                            QuotaReservation reservation) {

    public boolean admitted() {
        return rejectedBy == null;
    }

    public Optional<RateLimit> requestLimit() {
        return Optional.ofNullable(requests);
    }

    public Optional<RateLimit> tokenLimit() {
        return Optional.ofNullable(tokens);
    }

    /** A tenant without limits: admitted, nothing counted, no headers. */
    public static QuotaDecision unlimited(String tenant) {
        return new QuotaDecision(null, Duration.ZERO, null, null,
                new QuotaReservation(tenant, QuotaLimits.none(), 0, QuotaCounters.windowStarts(0), false));
    }

    /** Reads a decision from the counters after {@link QuotaCounters#admit}. */
    public static QuotaDecision of(String tenant, QuotaLimits limits, long tokens, long[] stateAfter,
                                   QuotaCounters.Admission admission, long nowMillis) {
        RateLimit requests = limits.limits(QuotaWindow.SECOND) ? rateLimit(QuotaWindow.SECOND, limits, stateAfter, nowMillis) : null;
        RateLimit tightest = null;
        for (QuotaWindow window : QuotaWindow.values()) {
            if (!window.countsTokens() || !limits.limits(window)) {
                continue;
            }
            RateLimit candidate = rateLimit(window, limits, stateAfter, nowMillis);
            if (window == admission.rejectedBy() && admission.rejectedBy() != null) {
                tightest = candidate;
                break;
            }
            if (tightest == null || candidate.remaining() < tightest.remaining()) {
                tightest = candidate;
            }
        }
        if (!admission.admitted()) {
            QuotaWindow refused = admission.rejectedBy();
            Duration retry = Duration.ofMillis(refused.end(refused.start(nowMillis)) - nowMillis);
            return new QuotaDecision(refused, retry, requests, tightest, null);
        }
        return new QuotaDecision(null, Duration.ZERO, requests, tightest,
                new QuotaReservation(tenant, limits, tokens, admission.windowStarts(), false));
    }

    private static RateLimit rateLimit(QuotaWindow window, QuotaLimits limits, long[] state, long nowMillis) {
        long limit = limits.limit(window);
        long remaining = Math.max(0, limit - QuotaCounters.used(state, window, nowMillis));
        Duration reset = Duration.ofMillis(window.end(window.start(nowMillis)) - nowMillis);
        return new RateLimit(window, limit, remaining, reset);
    }

    public QuotaDecision withReservation(QuotaReservation newReservation) {
        return new QuotaDecision(rejectedBy, retryAfter, requests, tokens, newReservation);
    }
}
