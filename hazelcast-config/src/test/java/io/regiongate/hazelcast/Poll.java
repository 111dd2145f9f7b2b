package io.regiongate.hazelcast;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling with short parks, never by sleeping a guessed time. */
final class Poll {

    static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final long PARK_NANOS = Duration.ofMillis(10).toNanos();

    private Poll() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    static void until(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + atMost + ": " + what);
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
