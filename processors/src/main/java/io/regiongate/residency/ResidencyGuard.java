package io.regiongate.residency;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import java.util.List;

/**
 * The foundation's fail-closed residency check: a tenant is served in this region only when the
 * region is in its home zone, or its policy is {@code allowed}. {@code with-consent} counts as
 * {@code never} until consent headers are honoured. Anything else is refused with 503
 * {@code region_unavailable} before any content leaves the process.
 */
public final class ResidencyGuard {

    private final GatewayConfig config;

    public ResidencyGuard(GatewayConfig config) {
        this.config = config;
    }

    public void requireServableHere(TenantConfig tenant) {
        if (tenant.crossBorder() == CrossBorder.ALLOWED) {
            return;
        }
        List<String> home = config.zones().getOrDefault(tenant.homeZone(), List.of());
        if (!home.contains(config.region())) {
            throw new GatewayException(new OpenAiError(503, OpenAiError.SERVER_ERROR, "region_unavailable",
                    config.region() + " is outside zone " + tenant.homeZone() + "; cross-border serving not permitted for tenant "
                            + tenant.id() + " (policy " + tenant.crossBorder().name().toLowerCase().replace('_', '-') + ")",
                    null));
        }
    }
}
