package io.regiongate.quota;

/**
 * What an admitted request holds until it is settled: its token estimate, reserved in the windows
 * that were current when it was admitted.
 *
 * @param local true when a runtime-local limiter admitted it (the shared counters were unreachable)
 */
public record QuotaReservation(String tenant, QuotaLimits limits, long tokens, long[] windowStarts, boolean local) {

    public QuotaReservation asLocal() {
        return new QuotaReservation(tenant, limits, tokens, windowStarts, true);
    }
}
