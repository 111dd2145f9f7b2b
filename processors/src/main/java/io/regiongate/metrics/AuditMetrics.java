package io.regiongate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.regiongate.audit.AuditTrailHealth;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The audit trail writer's meters, read from its health when scraped: records delivered (or
 * journaled), spooled and dead-lettered since the runtime started, the spool's backlog in bytes, and
 * whether its writes fail.
 */
public final class AuditMetrics {

    private AuditMetrics() {
    }

    public static void register(MeterRegistry registry, String region, Supplier<AuditTrailHealth> trail) {
        records(registry, region, trail, "delivered", AuditTrailHealth::delivered);
        records(registry, region, trail, "spooled", AuditTrailHealth::spooled);
        records(registry, region, trail, "dead_lettered", AuditTrailHealth::deadLettered);
        Gauge.builder("regiongate.audit.backlog", trail, health -> health.get().backlogBytes())
                .baseUnit("bytes")
                .tag("region", region)
                .description("bytes of audit records in the spool, not yet delivered to the region's endpoint")
                .register(registry);
        Gauge.builder("regiongate.audit.write.failing", trail, health -> health.get().writeFailing() ? 1 : 0)
                .description("1 while the audit trail's last record could be neither delivered nor written to disk")
                .tag("region", region)
                .register(registry);
    }

    private static void records(MeterRegistry registry, String region, Supplier<AuditTrailHealth> trail, String outcome,
                                ToDoubleFunction<AuditTrailHealth> count) {
        FunctionCounter.builder("regiongate.audit.records", trail, health -> count.applyAsDouble(health.get()))
                .tags("region", region, "outcome", outcome)
                .description("audit records by what became of them, since the runtime started")
                .register(registry);
    }
}
