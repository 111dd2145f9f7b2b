package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One region's runtime configuration, loaded from the base file plus the region's overlay and
 * validated before anything starts. Immutable.
 *
 * @param source where it came from, named in every error message
 */
public record GatewayConfig(
        String region,
        ListenConfig listen,
        Map<String, List<String>> zones,
        List<UpstreamConfig> upstreams,
        List<PeerConfig> peers,
        @JsonProperty("circuit-breakers") Map<String, CircuitBreakerConfig> circuitBreakers,
        List<TenantConfig> tenants,
        HazelcastConfig hazelcast,
        AuditConfig audit,
        ProbeConfig probe,
        TelemetryConfig telemetry,
        AdminConfig admin,
        RedactionConfig redaction,
        String source) {

    public GatewayConfig {
        listen = listen == null ? ListenConfig.defaults() : listen;
        hazelcast = hazelcast == null ? HazelcastConfig.defaults() : hazelcast;
        audit = audit == null ? AuditConfig.defaults() : audit;
        probe = probe == null ? ProbeConfig.defaults() : probe;
        telemetry = telemetry == null ? TelemetryConfig.defaults() : telemetry;
        admin = admin == null ? AdminConfig.defaults() : admin;
        redaction = redaction == null ? RedactionConfig.defaults() : redaction;
        zones = copyKeepingEmptyEntries(zones);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        peers = peers == null ? List.of() : List.copyOf(peers);
        circuitBreakers = copyKeepingEmptyEntries(circuitBreakers);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /** A configuration with the default probes and no tracing. */
    public GatewayConfig(String region, ListenConfig listen, Map<String, List<String>> zones, List<UpstreamConfig> upstreams,
                         List<PeerConfig> peers, Map<String, CircuitBreakerConfig> circuitBreakers,
                         List<TenantConfig> tenants, HazelcastConfig hazelcast, AuditConfig audit, String source) {
        this(region, listen, zones, upstreams, peers, circuitBreakers, tenants, hazelcast, audit, null, null, null, null, source);
    }

    /** A configuration without redaction profiles. */
    public GatewayConfig(String region, ListenConfig listen, Map<String, List<String>> zones, List<UpstreamConfig> upstreams,
                         List<PeerConfig> peers, Map<String, CircuitBreakerConfig> circuitBreakers,
                         List<TenantConfig> tenants, HazelcastConfig hazelcast, AuditConfig audit, ProbeConfig probe,
                         TelemetryConfig telemetry, AdminConfig admin, String source) {
        this(region, listen, zones, upstreams, peers, circuitBreakers, tenants, hazelcast, audit, probe, telemetry, admin,
                null, source);
    }

    /**
     * An unmodifiable copy that keeps entries left empty in YAML ({@code us:} with no value), so
     * that {@link ConfigValidator} reports them by key instead of binding failing on a null.
     */
    private static <V> Map<String, V> copyKeepingEmptyEntries(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The zone a region belongs to, if any. */
    public Optional<String> zoneOf(String someRegion) {
        return zones.entrySet().stream()
                .filter(zone -> zone.getValue() != null && zone.getValue().contains(someRegion))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    /** Upstreams that live in this runtime's own region. */
    public List<UpstreamConfig> localUpstreams() {
        return upstreams.stream().filter(upstream -> upstream.region().equals(region)).toList();
    }

    public Optional<UpstreamConfig> upstream(String id) {
        return upstreams.stream().filter(upstream -> upstream.id().equals(id)).findFirst();
    }

    public GatewayConfig withSource(String newSource) {
        return new GatewayConfig(region, listen, zones, upstreams, peers, circuitBreakers, tenants,
                hazelcast, audit, probe, telemetry, admin, redaction, newSource);
    }

    public Optional<TenantConfig> tenant(String id) {
        return tenants.stream().filter(tenant -> tenant.id().equals(id)).findFirst();
    }
}
