package io.regiongate.quota;

/**
 * Where a region keeps its tenants' quota counters. Reserve, then settle: {@link #admit} counts the
 * request and reserves its token estimate atomically against every limit (one round trip to the
 * store at most); {@link #settle} replaces the reservation by the real usage once the response is
 * known (it may complete asynchronously).
 */
public interface QuotaLedger {

    /**
     * Admits a request of {@code tenant} reserving {@code estimatedTokens}, or refuses it.
     *
     * @throws QuotaStoreUnavailableException when the counters cannot be reached in time
     */
    QuotaDecision admit(String tenant, QuotaLimits limits, long estimatedTokens);

    /** Replaces the reservation by {@code actualTokens}. Never throws; a failure is logged. */
    void settle(QuotaReservation reservation, long actualTokens);

    /**
     * The tenant's counters now.
     *
     * @throws QuotaStoreUnavailableException when the counters cannot be reached in time
     */
    QuotaUsage usage(String tenant, QuotaLimits limits);
}
