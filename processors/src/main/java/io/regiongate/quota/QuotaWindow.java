package io.regiongate.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The fixed windows a tenant's limits count in, all aligned to UTC: the second, the minute, the
 * calendar day and the calendar month. {@link #SECOND} counts requests, the others tokens.
 */
public enum QuotaWindow {
    SECOND, MINUTE, DAY, MONTH;

    /** The window's start, in epoch milliseconds, that the instant {@code epochMillis} falls in. */
    public long start(long epochMillis) {
        return switch (this) {
            case SECOND -> Saturating.multiply(Math.floorDiv(epochMillis, 1000L), 1000L);
            case MINUTE -> Saturating.multiply(Math.floorDiv(epochMillis, 60_000L), 60_000L);
            case DAY -> Saturating.multiply(Math.floorDiv(epochMillis, 86_400_000L), 86_400_000L);
            case MONTH -> monthStart(epochMillis);
        };
    }

    private static long monthStart(long epochMillis) {
        try {
            LocalDate date = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
            return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException beforeTheRange) {
            return Long.MIN_VALUE;
        }
    }

    /** The end (exclusive) of the window that starts at {@code start}; {@link Long#MAX_VALUE} at the latest. */
    public long end(long start) {
        return switch (this) {
            case SECOND -> Saturating.add(start, 1000L);
            case MINUTE -> Saturating.add(start, 60_000L);
            case DAY -> Saturating.add(start, 86_400_000L);
            case MONTH -> monthEnd(start);
        };
    }

    private static long monthEnd(long start) {
        try {
            return Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException beyondTheRange) {
            return Long.MAX_VALUE;
        }
    }

    /** How configuration and the admin endpoint name it. */
    public String key() {
        return switch (this) {
            case SECOND -> "requests-per-second";
            case MINUTE -> "tokens-per-minute";
            case DAY -> "tokens-per-day";
            case MONTH -> "tokens-per-month";
        };
    }

    public boolean countsTokens() {
        return this != SECOND;
    }
}
