package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A client organisation. Only the SHA-256 of its API key is ever held.
 *
 * @param upstreams the upstream ids this tenant may use; empty means all
 * @param redaction its own redaction settings; null: its home zone's profile applies, if any
 */
public record TenantConfig(
        String id,
        @JsonProperty("api-key-sha256") String apiKeySha256,
        @JsonProperty("home-zone") String homeZone,
        @JsonProperty("cross-border") CrossBorder crossBorder,
        QuotaConfig quotas,
        TenantAuditConfig audit,
        List<String> upstreams,
        TenantRedactionConfig redaction) {

    public TenantConfig {
        crossBorder = crossBorder == null ? CrossBorder.NEVER : crossBorder;
        quotas = quotas == null ? QuotaConfig.unlimited() : quotas;
        audit = audit == null ? TenantAuditConfig.defaults() : audit;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }

    /** A tenant whose redaction, if any, comes from its home zone's profile. */
    public TenantConfig(String id, String apiKeySha256, String homeZone, CrossBorder crossBorder, QuotaConfig quotas,
                        TenantAuditConfig audit, List<String> upstreams) {
        this(id, apiKeySha256, homeZone, crossBorder, quotas, audit, upstreams, null);
    }

    public boolean mayUse(UpstreamConfig upstream) {
        return upstreams.isEmpty() || upstreams.contains(upstream.id());
    }
}
