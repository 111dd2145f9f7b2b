package io.regiongate.failover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Targets kept out of rotation after a 429 with {@code Retry-After}, until that time has passed. */
public final class Cooldowns {

    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public Cooldowns(Clock clock) {
        this.clock = clock;
    }

    public void coolDown(String targetId, Duration duration) {
        Instant end = clock.instant().plus(duration);
        until.merge(targetId, end, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    public boolean isCoolingDown(String targetId) {
        Instant end = until.get(targetId);
        return end != null && clock.instant().isBefore(end);
    }

    /**
     * Reads a {@code Retry-After} value: seconds (the form model vendors send) or an HTTP date (the
     * form proxies in front of them may send). A date in the past, zero or garbage yields null: the
     * breaker still counts the 429, but no cooldown is guessed.
     */
    public static Duration parseRetryAfter(String header) {
        return parseRetryAfter(header, Clock.systemUTC());
    }

    static Duration parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return seconds > 0 ? Duration.ofMillis((long) Math.ceil(seconds * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() || wait.isZero() ? null : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
