package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redaction} and the tenants' {@code redaction}: bound from YAML, and refused by file and key when wrong. */
class RedactionConfigTest {

    private static final String HASH_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static final String BASE = """
            region: eu-west-1
            zones:
              eu: [eu-west-1]
              us: [us-east-1]
            """;

    @TempDir
    Path dir;

    @Test
    void bindsProfilesZonesPatternsAndATenantsRedaction() throws ConfigException {
        GatewayConfig config = ConfigFixtures.load(ConfigFixtures.write(dir, "regiongate.yaml", BASE + """
                redaction:
                  profiles:
                    gdpr: {detect: [email, phone, iban, eu-national-id], action: redact, countries: [DE, FR]}
                    strict: {detect: [employee-id], action: block}
                  zones: {eu: gdpr}
                  patterns: {employee-id: "EMP-[0-9]{6}"}
                  max-scan-bytes: 65536
                tenants:
                  - id: acme-eu
                    api-key-sha256: %s
                    home-zone: eu
                    redaction: {profile: gdpr, restore: true, apply-to: [prompt, completion]}
                """.formatted(HASH_A)), Map.of());

        assertThat(config.redaction().profiles().get("gdpr").countries()).containsExactly("DE", "FR");
        assertThat(config.redaction().profiles().get("strict").action()).isEqualTo(RedactionAction.BLOCK);
        assertThat(config.redaction().zones()).containsEntry("eu", "gdpr");
        assertThat(config.redaction().maxScanBytes()).isEqualTo(65536L);
        assertThat(config.redaction().holdBackChars()).isEqualTo(RedactionConfig.DEFAULT_HOLD_BACK_CHARS);
        TenantRedactionConfig tenant = config.tenants().get(0).redaction();
        assertThat(tenant.restore()).isTrue();
        assertThat(tenant.applyTo()).containsExactly(RedactionTarget.PROMPT, RedactionTarget.COMPLETION);
    }

    @Test
    void refusesAnUnknownDetectorNamingTheFileAndTheKey() {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", BASE + """
                redaction:
                  profiles:
                    gdpr: {detect: [email, emial]}
                """), Map.of());

        assertThat(refusal).isNotNull()
                .hasMessageStartingWith("invalid configuration in " + dir.resolve("regiongate.yaml"))
                .hasMessageContaining("redaction.profiles.gdpr.detect: unknown detector 'emial'; known: [email, phone");
    }

    @Test
    void refusesUnknownProfilesZonesCountriesAndPatternsThatDoNotCompile() {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", BASE + """
                redaction:
                  profiles:
                    gdpr: {detect: [phone, bad-one], countries: [Germany]}
                  zones: {eu: gdrp, mars: gdpr}
                  patterns: {bad-one: "EMP-[0-9", email: "x"}
                  hold-back-chars: 0
                tenants:
                  - {id: acme-us, api-key-sha256: %s, home-zone: us, redaction: {restore: true}}
                """.formatted(HASH_A)), Map.of());

        assertThat(refusal).isNotNull()
                .hasMessageContaining("redaction.profiles.gdpr.countries: 'Germany' is not an ISO 3166 country code")
                .hasMessageContaining("redaction.zones.eu: unknown profile 'gdrp'")
                .hasMessageContaining("redaction.zones.mars: unknown zone 'mars'")
                .hasMessageContaining("redaction.patterns.bad-one: not a regular expression")
                .hasMessageContaining("redaction.patterns.email: 'email' is a built-in detector")
                .hasMessageContaining("redaction.hold-back-chars: must be from 1 to 4096")
                .hasMessageContaining("tenants[0].redaction.profile: missing, and redaction.zones names no profile "
                        + "for its home zone 'us'");
    }

    @Test
    void withoutRedactionNothingIsScanned() throws ConfigException {
        GatewayConfig config = ConfigFixtures.load(ConfigFixtures.write(dir, "regiongate.yaml", BASE), Map.of());

        assertThat(config.redaction().profiles()).isEmpty();
        assertThat(config.redaction().maxScanBytes()).isEqualTo(RedactionConfig.DEFAULT_MAX_SCAN_BYTES);
        assertThat(List.of()).isEmpty();
    }
}
