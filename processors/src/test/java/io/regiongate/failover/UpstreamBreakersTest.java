package io.regiongate.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.config.CircuitBreakerConfig;
import io.regiongate.config.GatewayConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class UpstreamBreakersTest {

    @Test
    void everyLocalUpstreamAndPeerHasItsOwnBreakerButOtherRegionsUpstreamsDoNot() {
        UpstreamBreakers breakers = new UpstreamBreakers(Regions.euWest(null));

        for (String target : List.of("eu-primary", "eu-secondary", "peer-us-east-1", "peer-eu-central-1")) {
            assertThat(breakers.of(target).getName()).isEqualTo(target);
        }
        assertThatThrownBy(() -> breakers.of("us-primary")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aNamedConfigInheritsWhatItLeavesOutFromDefault() {
        CircuitBreakerConfig defaults = new CircuitBreakerConfig(40, 8, Duration.ofSeconds(3), 3, Duration.ofSeconds(9));
        CircuitBreakerConfig strict = new CircuitBreakerConfig(10, null, null, null, null);
        GatewayConfig config = new GatewayConfig("eu-west-1", null, Regions.ZONES, List.of(), List.of(),
                Map.of("default", defaults, "strict", strict), null, null, null, "test");

        var settings = UpstreamBreakers.settings(config, "strict");

        assertThat(settings.getFailureRateThreshold()).isEqualTo(10f);
        assertThat(settings.getMinimumNumberOfCalls()).isEqualTo(8);
        assertThat(settings.getSlidingWindowSize()).isEqualTo(8);
        assertThat(settings.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        assertThat(settings.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(9));
        assertThat(settings.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
    }

    @Test
    void aReloadAddsABreakerForANewUpstreamAndKeepsTheStateOfTheOthers() {
        GatewayConfig started = Regions.euWest(Regions.breaker(2, Duration.ofMinutes(1)));
        UpstreamBreakers breakers = new UpstreamBreakers(started);
        breakers.of("eu-primary").transitionToOpenState();
        GatewayConfig reloaded = new GatewayConfig(started.region(), null, started.zones(),
                List.of(Regions.upstream("eu-primary", "eu-west-1", 1), Regions.upstream("eu-third", "eu-west-1", 3)),
                started.peers(), started.circuitBreakers(), null, null, null, "test");

        breakers.adopt(reloaded);

        assertThat(breakers.of("eu-third").getState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
        assertThat(breakers.of("eu-primary").getState())
                .as("an upstream the reload did not change keeps its open breaker")
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        assertThat(breakers.of("eu-secondary").getName())
                .as("a removed upstream's breaker stays for requests planned before the reload").isEqualTo("eu-secondary");
    }
}
