package io.regiongate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regiongate.config.GatewayConfig;
import io.regiongate.failover.Regions;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.probe.TargetProbes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetStateGaugesTest {

    @Test
    void aReloadAddsTheGaugesOfANewUpstreamAndRemovesThoseOfARemovedOneWhileTheOthersFollowTheirBreaker() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayConfig started = Regions.euWest(Regions.breaker(2, Duration.ofMinutes(1)));
        UpstreamBreakers breakers = new UpstreamBreakers(started);
        TargetStateGauges.register(registry, started, breakers, TargetProbes.none());
        GatewayConfig reloaded = new GatewayConfig(started.region(), null, started.zones(),
                List.of(Regions.upstream("eu-primary", "eu-west-1", 1), Regions.upstream("eu-third", "eu-west-1", 3)),
                started.peers(), started.circuitBreakers(), null, null, null, "test");
        breakers.adopt(reloaded);

        TargetStateGauges.adopt(registry, reloaded, Set.of("eu-secondary"), breakers, TargetProbes.none());
        breakers.of("eu-primary").transitionToOpenState();

        assertThat(registry.find("regiongate.probe.healthy").tag("target", "eu-third").gauge()).isNotNull();
        assertThat(registry.find("regiongate.probe.healthy").tag("target", "eu-secondary").gauges()).isEmpty();
        assertThat(registry.find("regiongate.breaker.state").tag("target", "eu-secondary").gauges()).isEmpty();
        Gauge open = registry.find("regiongate.breaker.state").tags("target", "eu-primary", "state", "open").gauge();
        assertThat(open.value()).isEqualTo(1.0);
    }
}
