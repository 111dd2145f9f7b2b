package io.regiongate.config;

/**
 * How a tenant's requests are audited.
 *
 * @param delivery {@code async} or {@code sync}
 * @param content  {@code none}, {@code hash} or {@code redacted}
 */
public record TenantAuditConfig(String delivery, String content) {

    public TenantAuditConfig {
        delivery = delivery == null ? "async" : delivery;
        content = content == null ? "hash" : content;
    }

    public static TenantAuditConfig defaults() {
        return new TenantAuditConfig(null, null);
    }
}
