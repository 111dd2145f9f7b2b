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
import io.regiongate.quota.QuotaWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The region's quota ledger in Hazelcast: one {@link IMap} entry per tenant
 * ({@value #COUNTERS_MAP}) holding all its windows, updated only by entry processors on the
 * partition owner, with one synchronous backup. Admission is one entry-processor call (one round
 * trip); settlement is fire-and-forget. An entry expires at the end of its longest limited window.
 */
public final class HazelcastQuotaLedger implements QuotaLedger {

    public static final String COUNTERS_MAP = RegionHazelcastConfigs.QUOTA_MAP_PREFIX + "counters";

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastQuotaLedger.class);

    private final java.util.function.Supplier<IMap<String, long[]>> map;
    private volatile IMap<String, long[]> counters;
    private final Clock clock;
    private final long timeoutMillis;

    public HazelcastQuotaLedger(IMap<String, long[]> counters, Clock clock, Duration timeout) {
        this(() -> counters, clock, timeout);
    }

    /**
     * With the map looked up on first use: a client that started before it reached its cluster
     * cannot create the map's proxy yet, and must not fail the runtime's start for that.
     */
    public HazelcastQuotaLedger(java.util.function.Supplier<IMap<String, long[]>> map, Clock clock, Duration timeout) {
        this.map = map;
        this.clock = clock;
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
        long now = clock.millis();
        long[] result = await(() -> counters().submitToKey(tenant, new AdmitEntryProcessor(limits, now, estimatedTokens)));
        int refused = (int) result[QuotaCounters.SIZE];
        QuotaWindow rejectedBy = refused < 0 ? null : QuotaWindow.values()[refused];
        QuotaCounters.Admission admission = new QuotaCounters.Admission(null, rejectedBy, QuotaCounters.windowStarts(now));
        return QuotaDecision.of(tenant, limits, estimatedTokens, result, admission, now);
    }

    @Override
    public void settle(QuotaReservation reservation, long actualTokens) {
        if (reservation.limits().isEmpty()) {
            return;
        }
        try {
            counters().submitToKey(reservation.tenant(), new SettleEntryProcessor(reservation.limits(),
                            reservation.windowStarts(), reservation.tokens(), actualTokens, clock.millis()))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.warn("tenant {}: settling {} tokens failed: {}", reservation.tenant(), actualTokens,
                                    failure.toString());
                        }
                    });
        } catch (HazelcastException | IllegalStateException e) {
            LOG.warn("tenant {}: settling {} tokens failed: {}", reservation.tenant(), actualTokens, e.toString());
        }
    }

    @Override
    public QuotaUsage usage(String tenant, QuotaLimits limits) {
        long[] state = await(() -> counters().getAsync(tenant));
        return QuotaUsage.of(tenant, limits, state, clock.millis());
    }

    private <T> T await(java.util.function.Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QuotaStoreUnavailableException("no answer within " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new QuotaStoreUnavailableException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuotaStoreUnavailableException("interrupted", e);
        } catch (HazelcastException | IllegalStateException e) {
            throw new QuotaStoreUnavailableException(e.toString(), e);
        }
    }
}
