package io.regiongate.redaction;

import io.regiongate.config.GatewayConfig;
import io.regiongate.config.RedactionConfig;
import io.regiongate.config.RedactionProfileConfig;
import io.regiongate.config.RedactionTarget;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.TenantRedactionConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which profile a request is scanned with, decided from configuration alone (never from the
 * request): on the request's arrival, the tenant's own profile, else the profile of its home zone;
 * on a hop from a peer, this runtime's own zone's profile (a peer re-applies its own rules), else
 * the tenant's. Profiles are built once, at start.
 */
public final class RedactionPolicies {

    private final Map<String, RedactionProfile> profiles = new LinkedHashMap<>();
    private final RedactionConfig config;
    private final String ownZone;

    public RedactionPolicies(GatewayConfig gateway) {
        this.config = gateway.redaction();
        this.ownZone = gateway.zoneOf(gateway.region()).orElse(null);
        for (Map.Entry<String, RedactionProfileConfig> entry : config.profiles().entrySet()) {
            RedactionProfileConfig profile = entry.getValue();
            profiles.put(entry.getKey(), new RedactionProfile(entry.getKey(), profile.action(), new PiiScanner(
                    DetectorCatalog.detectors(profile.detect(), profile.countries(), config.patterns()))));
        }
    }

    public long maxScanBytes() {
        return config.maxScanBytes();
    }

    public int holdBackChars() {
        return config.holdBackChars();
    }

    public Optional<RedactionProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /**
     * The redaction of a request of {@code tenant}; empty when no profile applies.
     *
     * @param forwarded true when a peer forwarded the request here
     */
    public Optional<TenantRedaction> forRequest(TenantConfig tenant, boolean forwarded) {
        TenantRedactionConfig own = tenant.redaction();
        String name = own != null && own.profile() != null ? own.profile() : config.zones().get(tenant.homeZone());
        if (forwarded && ownZone != null && config.zones().containsKey(ownZone)) {
            name = config.zones().get(ownZone);
        }
        RedactionProfile profile = name == null ? null : profiles.get(name);
        if (profile == null) {
            return Optional.empty();
        }
        boolean prompt = own == null || own.applyTo().contains(RedactionTarget.PROMPT);
        boolean completion = own != null && own.applyTo().contains(RedactionTarget.COMPLETION);
        boolean restore = own != null && own.restore();
        return Optional.of(new TenantRedaction(profile, prompt, completion, restore));
    }
}
