package io.regiongate.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.probe.TargetProbes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gauges of every local upstream's and peer's state: {@code regiongate_breaker_state} is 1 for the
 * breaker's current state ({@code closed}, {@code open}, {@code half_open}) and 0 for the others,
 * {@code regiongate_probe_healthy} is 1 while its probes pass. Read when scraped.
 */
public final class TargetStateGauges {

    private static final String BREAKER_STATE = "regiongate.breaker.state";
    private static final String PROBE_HEALTHY = "regiongate.probe.healthy";
    private static final List<CircuitBreaker.State> STATES = List.of(CircuitBreaker.State.CLOSED,
            CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private TargetStateGauges() {
    }

    public static void register(MeterRegistry registry, GatewayConfig config, UpstreamBreakers breakers,
                                TargetProbes probes) {
        List<String> targets = new ArrayList<>();
        config.localUpstreams().stream().map(UpstreamConfig::id).forEach(targets::add);
        config.peers().stream().map(PeerConfig::region).map(DispatchTarget::peerId).forEach(targets::add);
        for (String target : targets) {
            register(registry, config.region(), target, breakers, probes);
        }
    }

    /**
     * After a reload: gauges for the upstreams that have none yet, and none any more for the
     * upstreams that left the configuration.
     */
    public static void adopt(MeterRegistry registry, GatewayConfig config, Set<String> removedUpstreams,
                             UpstreamBreakers breakers, TargetProbes probes) {
        register(registry, config, breakers, probes);
        for (String removed : removedUpstreams) {
            registry.find(BREAKER_STATE).tag("target", removed).meters().forEach(registry::remove);
            registry.find(PROBE_HEALTHY).tag("target", removed).meters().forEach(registry::remove);
        }
    }

    private static void register(MeterRegistry registry, String region, String target, UpstreamBreakers breakers,
                                 TargetProbes probes) {
        if (registry.find(PROBE_HEALTHY).tag("target", target).gauge() != null) {
            return;
        }
        // the breaker is looked up when scraped: a reload may give the target a new one
        for (CircuitBreaker.State state : STATES) {
            Gauge.builder(BREAKER_STATE, breakers, b -> b.of(target).getState() == state ? 1 : 0)
                    .description("1 for the circuit breaker's current state")
                    .tags("region", region, "target", target, "state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder(PROBE_HEALTHY, probes, p -> p.healthy(target) ? 1 : 0)
                .description("1 while the target's active probes pass")
                .tags("region", region, "target", target)
                .register(registry);
    }
}
