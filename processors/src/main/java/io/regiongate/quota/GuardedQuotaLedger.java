package io.regiongate.quota;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code hazelcast.on-unavailable} when the region's counters cannot be reached:
 * {@code fail-closed} answers 503 {@code quota_unavailable}; {@code fail-open} admits against a
 * limiter local to this runtime (the same limits, counted by this runtime alone), so that N runtimes
 * admit at most N times a limit while the cluster is away.
 */
public final class GuardedQuotaLedger implements QuotaLedger {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedQuotaLedger.class);

    private final QuotaLedger shared;
    private final QuotaLedger local;
    private final boolean failOpen;

    public GuardedQuotaLedger(QuotaLedger shared, QuotaLedger local, boolean failOpen) {
        this.shared = shared;
        this.local = local;
        this.failOpen = failOpen;
    }

    @Override
    public QuotaDecision admit(String tenant, QuotaLimits limits, long estimatedTokens) {
        try {
            return shared.admit(tenant, limits, estimatedTokens);
        } catch (QuotaStoreUnavailableException e) {
            LOG.warn("tenant {}: quota counters unreachable ({}); {}", tenant, e.getMessage(),
                    failOpen ? "admitting against the local limiter" : "refusing with 503");
            if (!failOpen) {
                throw new GatewayException(OpenAiError.quotaUnavailable());
            }
            QuotaDecision decision = local.admit(tenant, limits, estimatedTokens);
            return decision.admitted() ? decision.withReservation(decision.reservation().asLocal()) : decision;
        }
    }

    @Override
    public void settle(QuotaReservation reservation, long actualTokens) {
        (reservation.local() ? local : shared).settle(reservation, actualTokens);
    }

    @Override
    public QuotaUsage usage(String tenant, QuotaLimits limits) {
        try {
            return shared.usage(tenant, limits);
        } catch (QuotaStoreUnavailableException e) {
            throw new GatewayException(OpenAiError.quotaUnavailable());
        }
    }
}
