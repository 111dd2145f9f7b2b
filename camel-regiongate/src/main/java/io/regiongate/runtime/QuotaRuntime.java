package io.regiongate.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.regiongate.config.GatewayConfig;
import io.regiongate.hazelcast.QuotaCluster;
import io.regiongate.quota.GuardedQuotaLedger;
import io.regiongate.quota.InMemoryQuotaLedger;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaMetrics;
import io.regiongate.quota.TokenEstimator;
import java.time.Clock;

/**
 * The quota parts of one runtime: its region's cluster (an embedded member or a client), the
 * ledger guarded by {@code hazelcast.on-unavailable}, the token estimator and the admission counts.
 */
final class QuotaRuntime implements AutoCloseable {

    private final QuotaCluster cluster;
    private final QuotaLedger ledger;
    private final TokenEstimator estimator = new TokenEstimator();
    private final QuotaMetrics metrics;

    private QuotaRuntime(QuotaCluster cluster, QuotaLedger ledger, QuotaMetrics metrics) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    static QuotaRuntime start(GatewayConfig config, MeterRegistry registry) {
        QuotaCluster cluster = QuotaCluster.start(config.region(), config.hazelcast());
        Clock clock = Clock.systemUTC();
        QuotaLedger ledger = new GuardedQuotaLedger(cluster.ledger(), new InMemoryQuotaLedger(clock),
                config.hazelcast().failOpen());
        return new QuotaRuntime(cluster, ledger, new QuotaMetrics(registry, config.region()));
    }

    QuotaCluster cluster() {
        return cluster;
    }

    QuotaLedger ledger() {
        return ledger;
    }

    TokenEstimator estimator() {
        return estimator;
    }

    QuotaMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
