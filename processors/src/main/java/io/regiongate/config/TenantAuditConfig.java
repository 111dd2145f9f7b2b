package io.regiongate.config;

/**
 * How a tenant's requests are audited.
 *
 * @param delivery {@code async} (default) or {@code sync}
 * @param content  {@code none}, {@code hash} (default) or {@code redacted}
 */
public record TenantAuditConfig(AuditDelivery delivery, AuditContent content) {

    public TenantAuditConfig {
        delivery = delivery == null ? AuditDelivery.ASYNC : delivery;
        content = content == null ? AuditContent.HASH : content;
    }

    public static TenantAuditConfig defaults() {
        return new TenantAuditConfig(null, null);
    }

    public boolean sync() {
        return delivery == AuditDelivery.SYNC;
    }
}
