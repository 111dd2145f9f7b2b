package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where audit records go: only this region's own endpoints, and the on-disk journal.
 *
 * @param journal the region-local append-only journal (embedded default and spool)
 */
public record AuditConfig(List<AuditEndpointConfig> endpoints, String journal) {

    public static final String DEFAULT_JOURNAL = "data/audit";

    public AuditConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        journal = journal == null ? DEFAULT_JOURNAL : journal;
    }

    public static AuditConfig defaults() {
        return new AuditConfig(null, null);
    }

    /** A Kafka audit endpoint, declared for exactly one region. */
    public record AuditEndpointConfig(String region, KafkaEndpoint kafka) {
    }

    public record KafkaEndpoint(
            @JsonProperty("bootstrap-servers") String bootstrapServers,
            String topic) {
    }
}
