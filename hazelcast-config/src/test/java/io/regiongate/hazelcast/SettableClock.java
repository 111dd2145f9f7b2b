package io.regiongate.hazelcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A member's clock that a test sets by hand. */
final class SettableClock extends Clock {

    volatile Instant now;

    SettableClock(Instant now) {
        this.now = now;
    }

    static SettableClock at(String instant) {
        return new SettableClock(Instant.parse(instant));
    }

    SettableClock plus(Duration skew) {
        return new SettableClock(now.plus(skew));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
