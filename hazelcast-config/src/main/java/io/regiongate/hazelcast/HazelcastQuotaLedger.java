package io.regiongate.hazelcast;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.map.IMap;
import io.regiongate.quota.QuotaCounters;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaReservation;
import io.regiongate.quota.QuotaStoreUnavailableException;
import io.regiongate.quota.QuotaUsage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The region's quota ledger in Hazelcast: one {@link IMap} entry per tenant
 * ({@value #COUNTERS_MAP}) holding all its windows, updated only by entry processors on the
 * partition owner, at the owner's clock, with one synchronous backup. Admission is one
 * entry-processor call (one round trip); settlement is fire-and-forget. An entry expires at the end
 * of its longest limited window.
 *
 * <p>An admission not answered within the timeout counts as "cluster unreachable" for the caller,
 * but may still be applied by the owner later. Its answer is therefore awaited in the background:
 * if it turns out admitted, the reservation is released at once (settled at 0), so a timed-out
 * request leaves nothing reserved that no one will settle.
 */
public final class HazelcastQuotaLedger implements QuotaLedger {

    public static final String COUNTERS_MAP = RegionHazelcastConfigs.QUOTA_MAP_PREFIX + "counters";

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastQuotaLedger.class);

    private final Supplier<IMap<String, long[]>> map;
    private volatile IMap<String, long[]> counters;
    private final long timeoutMillis;

    public HazelcastQuotaLedger(IMap<String, long[]> counters, Duration timeout) {
        this(() -> counters, timeout);
    }

    /**
     * With the map looked up on first use: a client that started before it reached its cluster
     * cannot create the map's proxy yet, and must not fail the runtime's start for that.
     */
    public HazelcastQuotaLedger(Supplier<IMap<String, long[]>> map, Duration timeout) {
        this.map = map;
        this.timeoutMillis = timeout.toMillis();
    }

    private IMap<String, long[]> counters() {
        IMap<String, long[]> current = counters;
        if (current == null) {
            current = map.get();
            counters = current;
        }
        return current;
    }

    @Override
    public QuotaDecision admit(String tenant, QuotaLimits limits, long estimatedTokens) {
        if (limits.isEmpty()) {
            return QuotaDecision.unlimited(tenant);
        }
        CompletableFuture<long[]> call = call(() -> counters()
                .submitToKey(tenant, new AdmitEntryProcessor(limits, estimatedTokens)).toCompletableFuture());
        try {
            return decision(tenant, limits, estimatedTokens, await(call));
        } catch (QuotaStoreUnavailableException e) {
            releaseIfAdmittedLate(call, tenant, limits, estimatedTokens);
            throw e;
        }
    }

    private static QuotaDecision decision(String tenant, QuotaLimits limits, long tokens, long[] answer) {
        AdmitResult result = AdmitResult.decode(answer);
        QuotaCounters.Admission admission = new QuotaCounters.Admission(null, result.rejectedBy(),
                QuotaCounters.windowStarts(result.ownerNow()));
        return QuotaDecision.of(tenant, limits, tokens, result.counters(), admission, result.ownerNow());
    }

    /**
     * The compensation of an admission its caller gave up on: when the owner answers after all,
     * and admitted it, the reservation is released once. A refused or failed admission counted
     * nothing, so nothing is released for it.
     */
    private void releaseIfAdmittedLate(CompletableFuture<long[]> call, String tenant, QuotaLimits limits, long tokens) {
        call.whenComplete((answer, failure) -> {
            if (failure != null) {
                return;
            }
            QuotaDecision late = decision(tenant, limits, tokens, answer);
            if (late.admitted()) {
                LOG.info("tenant {}: an admission answered after {} ms was admitted; releasing its {} tokens",
                        tenant, timeoutMillis, tokens);
                settle(late.reservation(), 0);
            }
        });
    }

    @Override
    public void settle(QuotaReservation reservation, long actualTokens) {
        if (reservation.limits().isEmpty()) {
            return;
        }
        try {
            counters().submitToKey(reservation.tenant(), new SettleEntryProcessor(reservation.limits(),
                            reservation.windowStarts(), reservation.tokens(), actualTokens))
                    // on the thread that completes it: a hand-off to Hazelcast's async executor (and
                    // the threads it starts) cost more than the settlement itself
                    .whenCompleteAsync((ignored, failure) -> {
                        if (failure != null) {
                            LOG.warn("tenant {}: settling {} tokens failed: {}", reservation.tenant(), actualTokens,
                                    failure.toString());
                        }
                    }, Runnable::run);
        } catch (HazelcastException | IllegalStateException e) {
            LOG.warn("tenant {}: settling {} tokens failed: {}", reservation.tenant(), actualTokens, e.toString());
        }
    }

    @Override
    public QuotaUsage usage(String tenant, QuotaLimits limits) {
        AdmitResult read = AdmitResult.decode(await(call(() -> counters()
                .submitToKey(tenant, new ReadCountersEntryProcessor()).toCompletableFuture())));
        return QuotaUsage.of(tenant, limits, read.counters(), read.ownerNow());
    }

    private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (HazelcastException | IllegalStateException e) {
            // e.g. a split-brain protection refusing at once, or a client not connected
            throw new QuotaStoreUnavailableException(e.toString(), e);
        }
    }

    private <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QuotaStoreUnavailableException("no answer within " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new QuotaStoreUnavailableException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuotaStoreUnavailableException("interrupted", e);
        }
    }
}
