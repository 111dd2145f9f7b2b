package io.regiongate.residency;

import io.regiongate.config.CrossBorder;
import java.util.List;

/**
 * Where one request's content may go. It travels with the exchange and is consulted before every
 * hop: every upstream call, every failover, every forward to a peer.
 *
 * @param tenantId       who sent the request
 * @param policy         the tenant's cross-border policy
 * @param allowedRegions the regions the content may reach
 * @param reason         why, in words for error messages and the audit record
 * @param consentId      the recorded cross-border consent, or null
 * @param narrowedTo     the zone the request narrowed itself to, or null
 * @param forwarded      true when another region's runtime forwarded the request here: it is then
 *                       served from this region's own upstreams only (no second cross-region hop)
 */
public record ResidencyDecision(
        String tenantId,
        CrossBorder policy,
        List<String> allowedRegions,
        String reason,
        String consentId,
        String narrowedTo,
        boolean forwarded) {

    public ResidencyDecision {
        allowedRegions = List.copyOf(allowedRegions);
    }

    public boolean permits(String region) {
        return allowedRegions.contains(region);
    }

    /** The policy as written in the configuration: {@code never}, {@code with-consent}, {@code allowed}. */
    public String policyName() {
        return policy.name().toLowerCase().replace('_', '-');
    }
}
