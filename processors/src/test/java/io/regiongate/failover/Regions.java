package io.regiongate.failover;

import io.regiongate.config.CircuitBreakerConfig;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A two-zone deployment seen from one region, for failover tests. */
public final class Regions {

    public static final Map<String, List<String>> ZONES = Map.of(
            "eu", List.of("eu-west-1", "eu-central-1"),
            "us", List.of("us-east-1", "us-west-2"));

    private Regions() {
    }

    public static UpstreamConfig upstream(String id, String region, int priority) {
        return new UpstreamConfig(id, region, UpstreamType.OPENAI, "http://127.0.0.1:1/v1", null,
                List.of("gpt-4o"), priority, null, null, null, null, null);
    }

    public static TenantConfig tenant(String id, String homeZone, CrossBorder crossBorder) {
        return new TenantConfig(id, "0".repeat(64), homeZone, crossBorder, null, null, null);
    }

    /** eu-west-1 with two local upstreams, a US upstream (never called from here) and peers in both zones. */
    public static GatewayConfig euWest(CircuitBreakerConfig breaker) {
        return new GatewayConfig("eu-west-1", null, ZONES,
                List.of(upstream("eu-secondary", "eu-west-1", 2), upstream("eu-primary", "eu-west-1", 1),
                        upstream("us-primary", "us-east-1", 1)),
                List.of(new PeerConfig("us-east-1", "http://127.0.0.1:2"),
                        new PeerConfig("eu-central-1", "http://127.0.0.1:3")),
                breaker == null ? Map.of() : Map.of(CircuitBreakerConfig.DEFAULT_NAME, breaker),
                null, null, null, "test");
    }

    public static CircuitBreakerConfig breaker(int minimumCalls, Duration waitInOpen) {
        return new CircuitBreakerConfig(50, minimumCalls, waitInOpen, 1, Duration.ofSeconds(20));
    }
}
