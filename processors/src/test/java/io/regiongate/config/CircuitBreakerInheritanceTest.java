package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A named circuit-breaker config takes every setting it leaves out from the one it inherits. */
class CircuitBreakerInheritanceTest {

    @Test
    void takesUnsetValuesFromTheBaseAndKeepsItsOwn() {
        CircuitBreakerConfig strict = new CircuitBreakerConfig(20, null, Duration.ofSeconds(60), null, null);

        CircuitBreakerConfig effective = strict.inheriting(CircuitBreakerConfig.BUILT_IN);

        assertThat(effective).isEqualTo(new CircuitBreakerConfig(20, 5, Duration.ofSeconds(60), 2, Duration.ofSeconds(20)));
    }

    @Test
    void inheritsThroughDefaultFromTheBuiltIns() {
        CircuitBreakerConfig defaults = new CircuitBreakerConfig(null, 10, null, null, null);
        CircuitBreakerConfig named = new CircuitBreakerConfig(null, null, null, 1, null);

        CircuitBreakerConfig effective = named.inheriting(defaults.inheriting(CircuitBreakerConfig.BUILT_IN));

        assertThat(effective).isEqualTo(new CircuitBreakerConfig(50, 10, Duration.ofSeconds(10), 1, Duration.ofSeconds(20)));
    }
}
