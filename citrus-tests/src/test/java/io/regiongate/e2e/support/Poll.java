package io.regiongate.e2e.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by asking again and again, never by sleeping a guessed time. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /** @return true when the condition held within the timeout */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            pause();
        }
    }

    /** Fails with the described problem when the condition does not hold within the timeout. */
    public static void require(Duration timeout, BooleanSupplier condition, Supplier<String> problem) {
        if (!until(timeout, condition)) {
            throw new AssertionError(problem.get() + " (waited " + timeout.toMillis() + " ms)");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
