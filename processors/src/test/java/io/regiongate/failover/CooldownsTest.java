package io.regiongate.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.quota.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CooldownsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final Cooldowns cooldowns = new Cooldowns(clock);

    @Test
    void keepsATargetOutExactlyUntilRetryAfterHasPassed() {
        cooldowns.coolDown("eu-primary", Duration.ofSeconds(2));

        assertThat(cooldowns.isCoolingDown("eu-primary")).isTrue();
        clock.advance(Duration.ofMillis(1999));
        assertThat(cooldowns.isCoolingDown("eu-primary")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(cooldowns.isCoolingDown("eu-primary")).isFalse();
        assertThat(cooldowns.isCoolingDown("eu-secondary")).isFalse();
    }

    @Test
    void aShorterRetryAfterDoesNotCutALongerCooldownShort() {
        cooldowns.coolDown("eu-primary", Duration.ofSeconds(10));
        cooldowns.coolDown("eu-primary", Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(5));
        assertThat(cooldowns.isCoolingDown("eu-primary")).isTrue();
    }

    @Test
    void readsRetryAfterInSecondsAndIgnoresWhatItCannotRead() {
        assertThat(Cooldowns.parseRetryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Cooldowns.parseRetryAfter(" 0.5 ")).isEqualTo(Duration.ofMillis(500));
        assertThat(Cooldowns.parseRetryAfter("0")).isNull();
        assertThat(Cooldowns.parseRetryAfter("soon")).isNull();
        assertThat(Cooldowns.parseRetryAfter(null)).isNull();
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        Clock now = Clock.fixed(Instant.parse("2026-10-21T07:27:30Z"), ZoneOffset.UTC);

        assertThat(Cooldowns.parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Cooldowns.parseRetryAfter("Wed, 21 Oct 2026 07:27:00 GMT", now)).as("in the past").isNull();
    }

    @Test
    void keepsATargetOutOfRotationForAtMostAnHourWhateverTheHeaderSays() {
        Clock now = Clock.fixed(Instant.parse("2026-10-21T07:27:30Z"), ZoneOffset.UTC);

        assertThat(Cooldowns.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now)).isEqualTo(Duration.ofHours(1));
        assertThat(Cooldowns.parseRetryAfter("1e300")).isEqualTo(Duration.ofHours(1));
        assertThat(Cooldowns.parseRetryAfter("7200")).isEqualTo(Duration.ofHours(1));
        assertThat(Cooldowns.parseRetryAfter("Infinity")).isNull();
        assertThat(Cooldowns.parseRetryAfter("NaN")).isNull();
    }
}
