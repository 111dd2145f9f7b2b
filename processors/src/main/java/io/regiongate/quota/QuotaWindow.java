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
            case SECOND -> Math.floorDiv(epochMillis, 1000L) * 1000L;
            case MINUTE -> Math.floorDiv(epochMillis, 60_000L) * 60_000L;
            case DAY -> Math.floorDiv(epochMillis, 86_400_000L) * 86_400_000L;
            case MONTH -> {
                LocalDate date = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
                yield date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
        };
    }

    /** The end (exclusive) of the window that starts at {@code start}. */
    public long end(long start) {
        return switch (this) {
            case SECOND -> start + 1000L;
            case MINUTE -> start + 60_000L;
            case DAY -> start + 86_400_000L;
            case MONTH -> Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        };
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
