package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Active health probes: every {@code interval} each local upstream is asked {@code GET
 * {base-url}{probe-path}} (default {@code /models}) and each peer {@code GET /health/ready}; after
 * {@code unhealthy-after} consecutive failures a target is taken out of dispatch, after
 * {@code healthy-after} consecutive successes it is put back. A probe fails when it gets no 2xx
 * within {@code timeout}.
 */
public record ProbeConfig(
        Boolean enabled,
        Duration interval,
        Duration timeout,
        @JsonProperty("unhealthy-after") Integer unhealthyAfter,
        @JsonProperty("healthy-after") Integer healthyAfter) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_UNHEALTHY_AFTER = 2;
    public static final int DEFAULT_HEALTHY_AFTER = 2;

    public ProbeConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        unhealthyAfter = unhealthyAfter == null ? DEFAULT_UNHEALTHY_AFTER : unhealthyAfter;
        healthyAfter = healthyAfter == null ? DEFAULT_HEALTHY_AFTER : healthyAfter;
    }

    public static ProbeConfig defaults() {
        return new ProbeConfig(null, null, null, null, null);
    }
}
