package io.regiongate.quota;

import java.util.Arrays;

/**
 * The arithmetic of one tenant's counters, shared by every {@link QuotaLedger}: pure functions
 * over a {@code long[8]} holding, per {@link QuotaWindow} in declaration order, the start of the
 * window counted and what was used in it (requests for {@link QuotaWindow#SECOND}, tokens for the
 * others). A window whose start is not the current one counts as empty: the limit resets exactly at
 * the boundary, with no clean-up needed.
 *
 * <p>Admission is all or nothing: a request is admitted only if it fits every limited window, and
 * then counts one request and reserves its token estimate in every limited window at once. Windows
 * without a limit are not counted.
 */
public final class QuotaCounters {

    public static final int SIZE = QuotaWindow.values().length * 2;
    /** Added to every expiry: tolerance for clock differences between runtimes and members. */
    public static final long EXPIRY_GRACE_MILLIS = 1000;

    private QuotaCounters() {
    }

    public static long[] empty() {
        return new long[SIZE];
    }

    /** What a window holds at {@code nowMillis}: 0 when the stored window is not the current one. */
    public static long used(long[] state, QuotaWindow window, long nowMillis) {
        if (state == null) {
            return 0;
        }
        int i = window.ordinal() * 2;
        return state[i] == window.start(nowMillis) ? state[i + 1] : 0;
    }

    /** The outcome of {@link #admit}: the state to store (null when unchanged) and the window that refused. */
    public record Admission(long[] state, QuotaWindow rejectedBy, long[] windowStarts) {
        public boolean admitted() {
            return rejectedBy == null;
        }
    }

    /**
     * Admits one request reserving {@code tokens}, or refuses it naming the first window it does
     * not fit (the shortest window first). Nothing is counted for a refused request. Sums saturate
     * at {@link Long#MAX_VALUE}, and a negative estimate (a sum that wrapped before it got here)
     * counts as the largest: neither can make a request fit.
     */
    public static Admission admit(long[] current, QuotaLimits limits, long nowMillis, long estimatedTokens) {
        long tokens = Saturating.tokens(estimatedTokens);
        long[] starts = windowStarts(nowMillis);
        for (QuotaWindow window : QuotaWindow.values()) {
            long limit = limits.limit(window);
            if (limit <= 0) {
                continue;
            }
            long cost = window.countsTokens() ? tokens : 1;
            if (Saturating.add(used(current, window, nowMillis), cost) > limit) {
                return new Admission(null, window, starts);
            }
        }
        long[] next = new long[SIZE];
        for (QuotaWindow window : QuotaWindow.values()) {
            int i = window.ordinal() * 2;
            if (limits.limits(window)) {
                next[i] = starts[window.ordinal()];
                next[i + 1] = Saturating.add(used(current, window, nowMillis), window.countsTokens() ? tokens : 1);
            }
        }
        return new Admission(next, null, starts);
    }

    /**
     * Replaces a reservation by what was really used. In each window the reservation was made in
     * and that is still current, the difference is added (a refund when less was used). A window
     * that has rolled over since took the reservation with it; only tokens beyond the reservation
     * are charged to its successor. Both counts are taken as {@link Saturating#tokens}: never
     * negative, so their difference cannot overflow, and the sum with what was used saturates.
     */
    public static long[] settle(long[] current, QuotaLimits limits, long[] reservedWindowStarts, long reservedTokens,
                                long actualTokens, long nowMillis) {
        long reserved = Saturating.tokens(reservedTokens);
        long actual = Saturating.tokens(actualTokens);
        long[] next = current == null ? empty() : Arrays.copyOf(current, SIZE);
        for (QuotaWindow window : QuotaWindow.values()) {
            if (!window.countsTokens() || !limits.limits(window)) {
                continue;
            }
            int i = window.ordinal() * 2;
            long start = window.start(nowMillis);
            long used = used(current, window, nowMillis);
            long delta = reservedWindowStarts[window.ordinal()] == start ? actual - reserved : Math.max(0, actual - reserved);
            next[i] = start;
            next[i + 1] = Math.max(0, Saturating.add(used, delta));
        }
        return next;
    }

    /**
     * Two versions of one tenant's counters, joined after a cluster split healed: per window, the
     * same window keeps the larger count (the side that counted more since the split) and a newer
     * window wins over an older one (the other side's count belongs to a window that has ended).
     * Usage counted in the same window on both sides is therefore not added up: with a quorum,
     * only one side counts at all while split.
     */
    public static long[] merge(long[] one, long[] other) {
        if (one == null || other == null) {
            return one == null ? other : one;
        }
        long[] merged = empty();
        for (QuotaWindow window : QuotaWindow.values()) {
            int i = window.ordinal() * 2;
            long start = Math.max(one[i], other[i]);
            merged[i] = start;
            merged[i + 1] = Math.max(one[i] == start ? one[i + 1] : 0, other[i] == start ? other[i + 1] : 0);
        }
        return merged;
    }

    /** The window starts at {@code nowMillis}, indexed by {@link QuotaWindow#ordinal()}. */
    public static long[] windowStarts(long nowMillis) {
        long[] starts = new long[QuotaWindow.values().length];
        for (QuotaWindow window : QuotaWindow.values()) {
            starts[window.ordinal()] = window.start(nowMillis);
        }
        return starts;
    }

    /**
     * How long the stored counters matter: until the end of the current longest limited window,
     * plus {@link #EXPIRY_GRACE_MILLIS} so that a member whose clock runs slightly ahead of the
     * runtimes' does not drop counters of a window that is still current for them. Past that, every window is empty again and the entry may expire.
     */
    public static long ttlMillis(long[] state, QuotaLimits limits, long nowMillis) {
        long end = nowMillis;
        for (QuotaWindow window : QuotaWindow.values()) {
            if (limits.limits(window)) {
                end = Math.max(end, window.end(window.start(nowMillis)));
            }
        }
        return Saturating.add(end - nowMillis, EXPIRY_GRACE_MILLIS);
    }
}
