package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A client organisation. Only the SHA-256 of its API keys is ever held.
 *
 * @param apiKeySha256 the tenant's single key, named {@value TenantKey#SINGLE_KEY_ID}; may stand beside {@code apiKeys}
 * @param upstreams    the upstream ids this tenant may use; empty means all
 * @param redaction    its own redaction settings; null: its home zone's profile applies, if any
 * @param apiKeys      further keys, each with an id and an optional expiry, so a key can be rotated
 */
public record TenantConfig(
        String id,
        @JsonProperty("api-key-sha256") String apiKeySha256,
        @JsonProperty("home-zone") String homeZone,
        @JsonProperty("cross-border") CrossBorder crossBorder,
        QuotaConfig quotas,
        TenantAuditConfig audit,
        List<String> upstreams,
        TenantRedactionConfig redaction,
        @JsonProperty("api-keys") List<TenantKey> apiKeys) {

    public TenantConfig {
        crossBorder = crossBorder == null ? CrossBorder.NEVER : crossBorder;
        quotas = quotas == null ? QuotaConfig.unlimited() : quotas;
        audit = audit == null ? TenantAuditConfig.defaults() : audit;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** A tenant with its own redaction settings and the single key {@code apiKeySha256}. */
    public TenantConfig(String id, String apiKeySha256, String homeZone, CrossBorder crossBorder, QuotaConfig quotas,
                        TenantAuditConfig audit, List<String> upstreams, TenantRedactionConfig redaction) {
        this(id, apiKeySha256, homeZone, crossBorder, quotas, audit, upstreams, redaction, null);
    }

    /** Every key of the tenant: the single {@code api-key-sha256} first, when written, then {@code api-keys}. */
    public List<TenantKey> keys() {
        List<TenantKey> keys = new ArrayList<>();
        if (apiKeySha256 != null) {
            keys.add(new TenantKey(TenantKey.SINGLE_KEY_ID, apiKeySha256, null));
        }
        keys.addAll(apiKeys);
        return keys;
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
