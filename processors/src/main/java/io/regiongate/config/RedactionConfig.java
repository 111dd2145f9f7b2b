package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PII redaction: the profiles, the default profile of each zone's tenants, custom patterns, and the
 * limits of the scan.
 *
 * @param profiles      named profiles
 * @param zones         zone → the profile its tenants get unless they name one
 * @param patterns      custom detector name → Java regular expression
 * @param maxScanBytes  the most prompt text (UTF-8 bytes) scanned; a larger prompt of a tenant with a
 *                      profile is refused (413 {@code prompt_too_large_to_scan}), never sent unscanned
 * @param holdBackChars the most characters of a streamed answer held back at once (see README)
 */
public record RedactionConfig(
        Map<String, RedactionProfileConfig> profiles,
        Map<String, String> zones,
        Map<String, String> patterns,
        @JsonProperty("max-scan-bytes") Long maxScanBytes,
        @JsonProperty("hold-back-chars") Integer holdBackChars) {

    public static final long DEFAULT_MAX_SCAN_BYTES = 1_048_576;
    public static final int DEFAULT_HOLD_BACK_CHARS = 256;

    public RedactionConfig {
        profiles = copy(profiles);
        zones = copy(zones);
        patterns = copy(patterns);
        maxScanBytes = maxScanBytes == null ? DEFAULT_MAX_SCAN_BYTES : maxScanBytes;
        holdBackChars = holdBackChars == null ? DEFAULT_HOLD_BACK_CHARS : holdBackChars;
    }

    public static RedactionConfig defaults() {
        return new RedactionConfig(null, null, null, null, null);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
