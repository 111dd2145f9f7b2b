package io.regiongate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.regiongate.reload.ReloadOutcome;
import io.regiongate.reload.Reloader;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code regiongate_config_reloads_total{trigger, outcome}} (outcome {@code applied},
 * {@code unchanged} or {@code refused}) and {@code regiongate_config_generation}, the generation
 * running. A refusal's reason is in the log and the admin answer, never a label.
 */
public final class ReloadMetrics {

    private final MeterRegistry registry;
    private final String region;
    private final AtomicLong generation = new AtomicLong();

    public ReloadMetrics(MeterRegistry registry, String region) {
        this.registry = registry;
        this.region = region;
        Gauge.builder("regiongate.config.generation", generation, AtomicLong::get)
                .description("The configuration generation running: 0 as started, one more per applied reload")
                .tags("region", region)
                .register(registry);
    }

    public void record(Reloader.Trigger trigger, ReloadOutcome outcome) {
        Counter.builder("regiongate.config.reloads")
                .description("Configuration reloads, by trigger and outcome")
                .tags("region", region, "trigger", trigger.name().toLowerCase(Locale.ROOT), "outcome", outcome.status())
                .register(registry)
                .increment();
        generation.set(outcome.generation());
    }
}
