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

/**
 * Gauges of every local upstream's and peer's state: {@code regiongate_breaker_state} is 1 for the
 * breaker's current state ({@code closed}, {@code open}, {@code half_open}) and 0 for the others,
 * {@code regiongate_probe_healthy} is 1 while its probes pass. Read when scraped.
 */
public final class TargetStateGauges {

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
            CircuitBreaker breaker = breakers.of(target);
            for (CircuitBreaker.State state : STATES) {
                Gauge.builder("regiongate.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                        .description("1 for the circuit breaker's current state")
                        .tags("region", config.region(), "target", target, "state", state.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
            Gauge.builder("regiongate.probe.healthy", probes, p -> p.healthy(target) ? 1 : 0)
                    .description("1 while the target's active probes pass")
                    .tags("region", config.region(), "target", target)
                    .register(registry);
        }
    }
}
