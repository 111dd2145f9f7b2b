package io.regiongate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.regiongate.audit.AuditTrailHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The audit trail writer's meters, read from its health when scraped: records delivered (or
 * journaled), spooled and dead-lettered since the runtime started, the spool's backlog in bytes and
 * the age of its oldest record, and whether its writes fail. Micrometer holds a meter's state object weakly: the runtime keeps this
 * object for its life, so the meters never turn {@code NaN}.
 */
public final class AuditMetrics {

    private final Supplier<AuditTrailHealth> trail;

    private AuditMetrics(Supplier<AuditTrailHealth> trail) {
        this.trail = trail;
    }

    /** Registers the meters; keep the result as long as the registry is scraped. */
    public static AuditMetrics register(MeterRegistry registry, String region, Supplier<AuditTrailHealth> trail) {
        AuditMetrics metrics = new AuditMetrics(trail);
        metrics.records(registry, region, "delivered", AuditTrailHealth::delivered);
        metrics.records(registry, region, "spooled", AuditTrailHealth::spooled);
        metrics.records(registry, region, "dead_lettered", AuditTrailHealth::deadLettered);
        Gauge.builder("regiongate.audit.backlog", metrics, m -> m.trail.get().backlogBytes())
                .baseUnit("bytes")
                .tag("region", region)
                .description("bytes of audit records in the spool, not yet delivered to the region's endpoint")
                .register(registry);
        Gauge.builder("regiongate.audit.backlog.oldest.age", metrics, m -> m.oldestAgeSeconds())
                .baseUnit("seconds")
                .tag("region", region)
                .description("how long the oldest record in the audit spool has waited for delivery; 0 when none waits")
                .register(registry);
        Gauge.builder("regiongate.audit.write.failing", metrics, m -> m.trail.get().writeFailing() ? 1 : 0)
                .description("1 while the audit trail's last record could be neither delivered nor written to disk")
                .tag("region", region)
                .register(registry);
        return metrics;
    }

    private double oldestAgeSeconds() {
        Instant oldest = trail.get().oldestPendingAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    private void records(MeterRegistry registry, String region, String outcome, ToDoubleFunction<AuditTrailHealth> count) {
        FunctionCounter.builder("regiongate.audit.records", this, m -> count.applyAsDouble(m.trail.get()))
                .tags("region", region, "outcome", outcome)
                .description("audit records by what became of them, since the runtime started")
                .register(registry);
    }
}
