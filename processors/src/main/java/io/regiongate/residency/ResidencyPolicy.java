package io.regiongate.residency;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides where a request's content may go, before any health or latency logic:
 * <ul>
 *   <li>the regions of the tenant's home zone;</li>
 *   <li>plus every region when the policy is {@code allowed};</li>
 *   <li>plus every region when the policy is {@code with-consent} and the request carries a consent id;</li>
 *   <li>then narrowed to the zone named by {@code X-RegionGate-Residency}, which may never widen the
 *       set: a zone with a region outside it is refused with 403.</li>
 * </ul>
 */
public final class ResidencyPolicy {

    private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final Map<String, List<String>> zones;
    private final List<String> allRegions;

    public ResidencyPolicy(GatewayConfig config) {
        this.zones = config.zones();
        Set<String> regions = new LinkedHashSet<>();
        config.zones().keySet().stream().sorted().forEach(zone -> regions.addAll(config.zones().get(zone)));
        this.allRegions = List.copyOf(regions);
    }

    /**
     * @param residencyHeader {@code X-RegionGate-Residency}, or null
     * @param consentHeader   {@code X-RegionGate-Consent}, or null
     * @param forwarded       whether a peer runtime forwarded the request
     * @throws GatewayException 400 for a malformed header or an unknown zone, 403 for a zone the
     *                          tenant's policy does not allow
     */
    public ResidencyDecision decide(TenantConfig tenant, String residencyHeader, String consentHeader,
                                    boolean forwarded) {
        String consentId = consentId(consentHeader);
        List<String> home = zones.getOrDefault(tenant.homeZone(), List.of());
        List<String> allowed;
        String reason;
        if (tenant.crossBorder() == CrossBorder.ALLOWED) {
            allowed = allRegions;
            reason = "policy allowed: any region";
        } else if (tenant.crossBorder() == CrossBorder.WITH_CONSENT && consentId != null) {
            allowed = allRegions;
            reason = "policy with-consent, consent " + consentId + ": any region";
        } else {
            allowed = home;
            reason = "policy " + policyName(tenant)
                    + (tenant.crossBorder() == CrossBorder.WITH_CONSENT ? " without consent" : "")
                    + ": home zone " + tenant.homeZone() + " only";
        }
        String narrowedTo = null;
        if (residencyHeader != null && !residencyHeader.isBlank()) {
            narrowedTo = residencyHeader.trim();
            allowed = narrow(tenant, allowed, narrowedTo);
            reason = reason + ", narrowed to zone " + narrowedTo;
        }
        return new ResidencyDecision(tenant.id(), tenant.crossBorder(), allowed, reason, consentId, narrowedTo,
                forwarded);
    }

    /**
     * Whether {@code region} may hold anything derived from the tenant's content by its policy
     * alone: its home zone, or any region for {@code allowed} (never by a consent or a header that
     * was not decided on). For a request refused before its residency decision was made.
     */
    public boolean policyAlonePermits(TenantConfig tenant, String region) {
        return decide(tenant, null, null, false).permits(region);
    }

    private List<String> narrow(TenantConfig tenant, List<String> allowed, String zone) {
        List<String> zoneRegions = zones.get(zone);
        if (zoneRegions == null) {
            throw new GatewayException(new OpenAiError(400, OpenAiError.INVALID_REQUEST, "unknown_zone",
                    "X-RegionGate-Residency names unknown zone '" + zone + "'; known zones: "
                            + zones.keySet().stream().sorted().toList() + ".", null));
        }
        if (!allowed.containsAll(zoneRegions)) {
            throw new GatewayException(new OpenAiError(403, OpenAiError.INVALID_REQUEST, "residency_not_permitted",
                    "X-RegionGate-Residency: zone " + zone + " is outside what tenant " + tenant.id()
                            + " may use (policy " + policyName(tenant) + ", home zone " + tenant.homeZone()
                            + "); the header can only narrow where a request runs.", null));
        }
        List<String> narrowed = new ArrayList<>(allowed);
        narrowed.retainAll(zoneRegions);
        return narrowed;
    }

    private static String consentId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String id = header.trim();
        if (!CONSENT_ID.matcher(id).matches()) {
            throw new GatewayException(new OpenAiError(400, OpenAiError.INVALID_REQUEST, "invalid_consent",
                    "X-RegionGate-Consent must be 1 to 128 letters, digits or ._:@/+=- characters.", null));
        }
        return id;
    }

    private static String policyName(TenantConfig tenant) {
        return tenant.crossBorder().name().toLowerCase().replace('_', '-');
    }
}
