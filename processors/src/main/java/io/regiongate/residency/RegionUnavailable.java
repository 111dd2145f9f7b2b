package io.regiongate.residency;

import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import java.util.Collection;

/** The 503 {@code region_unavailable} answer: fail closed, naming the policy and the regions tried. */
public final class RegionUnavailable {

    public static final String CODE = "region_unavailable";

    private RegionUnavailable() {
    }

    public static OpenAiError error(String thisRegion, ResidencyDecision residency, Collection<String> regionsTried) {
        String tried = regionsTried.isEmpty() ? thisRegion : String.join(", ", regionsTried);
        String message;
        if (!residency.permits(thisRegion)) {
            message = "tenant " + residency.tenantId() + " may not be served in " + thisRegion
                    + " (" + residency.reason() + ") and no allowed peer could serve it"
                    + (regionsTried.isEmpty() ? "" : " (tried " + tried + ")");
        } else if (residency.policy() != CrossBorder.ALLOWED && residency.consentId() == null) {
            message = tried + " unavailable; cross-border failover not permitted for tenant "
                    + residency.tenantId() + " (policy " + residency.policyName() + ")";
        } else {
            message = tried + " unavailable; no other region allowed for tenant " + residency.tenantId()
                    + " could serve (" + residency.reason() + ")";
        }
        return new OpenAiError(503, OpenAiError.SERVER_ERROR, CODE, message, null);
    }
}
