package io.regiongate.failover;

import io.regiongate.dispatch.DispatchTarget;
import java.time.Duration;

/**
 * One step of a request's way through its plan: a target called, or one passed over.
 *
 * @param outcome     {@code ok}, or how the call failed ({@code http-500}, {@code timeout},
 *                    {@code connect-error}, {@code broken-stream}), or why the target was passed
 *                    over ({@code residency}, {@code cooldown}, {@code open})
 * @param timeToFirstByte how long the call took until the target's answer began (or failed); null
 *                    for a target passed over
 * @param startedNanos when the call (or the passing over) began, as {@link System#nanoTime()}
 */
public record Attempt(DispatchTarget target, String outcome, Duration timeToFirstByte, long startedNanos) {

    public static final String OK = "ok";

    public boolean called() {
        return timeToFirstByte != null;
    }

    public boolean succeeded() {
        return OK.equals(outcome);
    }

    /** As the failover header and the audit record show it: {@code <target id>:<outcome>}. */
    public String hop() {
        return target.id() + ":" + outcome;
    }
}
