package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's keys: the single {@code api-key-sha256}, {@code api-keys} with ids and expiry, or both. */
class ConfigTenantKeysTest {

    private static final String HASH_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String HASH_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    private static final String HASH_C = "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13";

    private static final String BASE = """
            region: eu-west-1
            zones: {eu: [eu-west-1]}
            upstreams:
              - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o]}
            tenants:
            """;

    @TempDir
    Path dir;

    private GatewayConfig load(String tenants) throws ConfigException {
        return ConfigFixtures.load(ConfigFixtures.write(dir, "regiongate.yaml", BASE + tenants), Map.of());
    }

    private ConfigException refusal(String tenants) {
        return ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", BASE + tenants), Map.of());
    }

    @Test
    void bindsKeysWithIdsAndExpiryBesideTheSingleKey() throws ConfigException {
        GatewayConfig config = load("""
                  - id: acme
                    home-zone: eu
                    api-key-sha256: %s
                    api-keys:
                      - {id: 2026-q4, sha256: %s, not-after: "2026-12-31T18:00:00+01:00"}
                      - {id: 2027-q1, sha256: %s, not-after: 2027-03-31}
                """.formatted(HASH_A, HASH_B, HASH_C));

        assertThat(config.tenants().get(0).keys()).containsExactly(
                new TenantKey("default", HASH_A, null),
                new TenantKey("2026-q4", HASH_B, Instant.parse("2026-12-31T17:00:00Z")),
                new TenantKey("2027-q1", HASH_C, Instant.parse("2027-03-31T23:59:59.999999999Z")));
    }

    @Test
    void refusesATenantWithoutAnyKey() {
        assertThat(refusal("""
                  - {id: acme, home-zone: eu}
                """)).hasMessageContaining("tenants[0].api-key-sha256: missing");
    }

    @Test
    void refusesKeysWithoutIdOrWithARawKeyOrTheSameIdTwice() {
        ConfigException refusal = refusal("""
                  - id: acme
                    home-zone: eu
                    api-key-sha256: %s
                    api-keys:
                      - {sha256: %s}
                      - {id: default, sha256: %s}
                      - {id: laptop, sha256: sk-live-123}
                """.formatted(HASH_A, HASH_B, HASH_C));

        assertThat(refusal).hasMessageContaining("tenants[0].api-keys[0].id: missing")
                .hasMessageContaining("tenants[0].api-keys[1].id: duplicate key id 'default'")
                .hasMessageContaining("tenants[0].api-keys[2].sha256: must be the SHA-256")
                .satisfies(r -> assertThat(r.getMessage()).doesNotContain("sk-live-123"));
    }

    @Test
    void refusesTheSameKeyHashInTwoTenants() {
        assertThat(refusal("""
                  - {id: acme, home-zone: eu, api-key-sha256: %s}
                  - id: globex
                    home-zone: eu
                    api-keys: [{id: k1, sha256: %s}]
                """.formatted(HASH_A, HASH_A))).hasMessageContaining(
                "tenants[1].api-keys[0].sha256: the same key hash is used by another key");
    }

    @Test
    void refusesAnExpiryThatIsNoInstant() {
        assertThat(refusal("""
                  - id: acme
                    home-zone: eu
                    api-keys: [{id: k1, sha256: %s, not-after: next tuesday}]
                """.formatted(HASH_A))).hasMessageContaining("not-after").hasMessageContaining("is not an instant");
    }
}
