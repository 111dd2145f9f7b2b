package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A client organisation. Only the SHA-256 of its API key is ever held.
 *
 * @param upstreams the upstream ids this tenant may use; empty means all
 */
public record TenantConfig(
        String id,
        @JsonProperty("api-key-sha256") String apiKeySha256,
        @JsonProperty("home-zone") String homeZone,
        @JsonProperty("cross-border") CrossBorder crossBorder,
        QuotaConfig quotas,
        TenantAuditConfig audit,
        List<String> upstreams) {

    public TenantConfig {
        crossBorder = crossBorder == null ? CrossBorder.NEVER : crossBorder;
        quotas = quotas == null ? QuotaConfig.unlimited() : quotas;
        audit = audit == null ? TenantAuditConfig.defaults() : audit;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }

    public boolean mayUse(UpstreamConfig upstream) {
        return upstreams.isEmpty() || upstreams.contains(upstream.id());
    }
}
