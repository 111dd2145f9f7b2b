package io.regiongate.config;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.regiongate.redaction.DetectorCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of {@link ConfigValidator} that checks {@code redaction} and the tenants'
 * {@code redaction}: every detector name known, every profile referenced declared, custom patterns
 * that compile, countries libphonenumber knows, limits that make sense.
 */
final class RedactionConfigCheck {

    private static final Pattern PATTERN_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final int MAX_HOLD_BACK_CHARS = 4096;

    private final GatewayConfig config;
    private final RedactionConfig redaction;

    RedactionConfigCheck(GatewayConfig config) {
        this.config = config;
        this.redaction = config.redaction();
    }

    void check(List<ConfigProblem> problems) {
        checkPatterns(problems);
        Set<String> supportedRegions = PhoneNumberUtil.getInstance().getSupportedRegions();
        for (Map.Entry<String, RedactionProfileConfig> entry : redaction.profiles().entrySet()) {
            String key = "redaction.profiles." + entry.getKey();
            RedactionProfileConfig profile = entry.getValue();
            if (profile == null || profile.detect().isEmpty()) {
                problems.add(new ConfigProblem(key + ".detect", "list at least one detector; known: " + known()));
                continue;
            }
            for (String name : profile.detect()) {
                if (!DetectorCatalog.isBuiltIn(name) && !redaction.patterns().containsKey(name)) {
                    problems.add(new ConfigProblem(key + ".detect", "unknown detector '" + name + "'; known: " + known()));
                }
            }
            for (String country : profile.countries()) {
                if (!supportedRegions.contains(country)) {
                    problems.add(new ConfigProblem(key + ".countries", "'" + country
                            + "' is not an ISO 3166 country code libphonenumber knows (upper case, e.g. DE)"));
                }
            }
        }
        for (Map.Entry<String, String> zone : redaction.zones().entrySet()) {
            String key = "redaction.zones." + zone.getKey();
            if (!config.zones().containsKey(zone.getKey())) {
                problems.add(new ConfigProblem(key, "unknown zone '" + zone.getKey() + "'"));
            }
            if (!redaction.profiles().containsKey(zone.getValue())) {
                problems.add(new ConfigProblem(key, "unknown profile '" + zone.getValue() + "'; declared: "
                        + redaction.profiles().keySet()));
            }
        }
        if (redaction.maxScanBytes() <= 0) {
            problems.add(new ConfigProblem("redaction.max-scan-bytes", "must be positive"));
        }
        if (redaction.holdBackChars() < 1 || redaction.holdBackChars() > MAX_HOLD_BACK_CHARS) {
            problems.add(new ConfigProblem("redaction.hold-back-chars", "must be from 1 to " + MAX_HOLD_BACK_CHARS));
        }
        checkTenants(problems);
    }

    private void checkPatterns(List<ConfigProblem> problems) {
        for (Map.Entry<String, String> pattern : redaction.patterns().entrySet()) {
            String key = "redaction.patterns." + pattern.getKey();
            if (!PATTERN_NAME.matcher(pattern.getKey()).matches()) {
                problems.add(new ConfigProblem(key, "a pattern's name is lower-case letters, digits and '-' (it names "
                        + "placeholders, audit counts and metric labels)"));
            } else if (DetectorCatalog.isBuiltIn(pattern.getKey())) {
                problems.add(new ConfigProblem(key, "'" + pattern.getKey() + "' is a built-in detector; choose another name"));
            }
            try {
                Pattern compiled = Pattern.compile(pattern.getValue() == null ? "" : pattern.getValue());
                if (compiled.matcher("").matches()) {
                    problems.add(new ConfigProblem(key, "the pattern matches the empty text"));
                }
            } catch (PatternSyntaxException e) {
                problems.add(new ConfigProblem(key, "not a regular expression: " + e.getDescription()));
            }
        }
    }

    private void checkTenants(List<ConfigProblem> problems) {
        for (int i = 0; i < config.tenants().size(); i++) {
            TenantConfig tenant = config.tenants().get(i);
            TenantRedactionConfig own = tenant.redaction();
            if (own == null) {
                continue;
            }
            String key = "tenants[" + i + "].redaction";
            if (own.profile() != null && !redaction.profiles().containsKey(own.profile())) {
                problems.add(new ConfigProblem(key + ".profile", "unknown profile '" + own.profile() + "'; declared: "
                        + redaction.profiles().keySet()));
            } else if (own.profile() == null && tenant.homeZone() != null
                    && !redaction.zones().containsKey(tenant.homeZone())) {
                problems.add(new ConfigProblem(key + ".profile", "missing, and redaction.zones names no profile for its "
                        + "home zone '" + tenant.homeZone() + "'"));
            }
            if (own.applyTo().isEmpty()) {
                problems.add(new ConfigProblem(key + ".apply-to", "list prompt, completion or both"));
            }
        }
    }

    private Set<String> known() {
        Set<String> names = new java.util.LinkedHashSet<>(DetectorCatalog.knownNames());
        names.addAll(redaction.patterns().keySet());
        return names;
    }
}
