package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A named circuit-breaker setting. Every named config inherits what it leaves out from
 * {@value #DEFAULT_NAME}, which inherits from the built-in defaults.
 */
public record CircuitBreakerConfig(
        @JsonProperty("failure-rate-threshold") Integer failureRateThreshold,
        @JsonProperty("minimum-calls") Integer minimumCalls,
        @JsonProperty("wait-in-open") Duration waitInOpen,
        @JsonProperty("half-open-calls") Integer halfOpenCalls,
        @JsonProperty("slow-call-duration") Duration slowCallDuration) {

    public static final String DEFAULT_NAME = "default";

    public static final CircuitBreakerConfig BUILT_IN =
            new CircuitBreakerConfig(50, 5, Duration.ofSeconds(10), 2, Duration.ofSeconds(20));

    /** This config with every unset value taken from {@code base}. */
    public CircuitBreakerConfig inheriting(CircuitBreakerConfig base) {
        return new CircuitBreakerConfig(
                failureRateThreshold != null ? failureRateThreshold : base.failureRateThreshold,
                minimumCalls != null ? minimumCalls : base.minimumCalls,
                waitInOpen != null ? waitInOpen : base.waitInOpen,
                halfOpenCalls != null ? halfOpenCalls : base.halfOpenCalls,
                slowCallDuration != null ? slowCallDuration : base.slowCallDuration);
    }
}
