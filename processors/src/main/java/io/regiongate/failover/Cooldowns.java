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

    /**
     * The longest a target is kept out of rotation by one {@code Retry-After}: a wrong or hostile
     * value (a date in the year 9999) must not take it out until the next restart.
     */
    public static final Duration MAX_COOLDOWN = Duration.ofHours(1);

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
     * form proxies in front of them may send), at most {@link #MAX_COOLDOWN}. A date in the past, zero
     * or garbage yields null: the breaker still counts the 429, but no cooldown is guessed.
     */
    public static Duration parseRetryAfter(String header) {
        return parseRetryAfter(header, Clock.systemUTC());
    }

    static Duration parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            double seconds = Double.parseDouble(header.trim());
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                return null;
            }
            wait = Duration.ofMillis((long) Math.ceil(Math.min(seconds, MAX_COOLDOWN.toSeconds()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.isNegative() || wait.isZero()) {
            return null;
        }
        return wait.compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : wait;
    }
}
