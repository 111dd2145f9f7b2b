package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be read or bound stops the runtime with a {@link ConfigException} naming the
 * file and the offending key (or line), before anything starts.
 */
class ConfigSyntaxRejectionTest {

    private static final String ZONES = """
            region: eu-west-1
            zones:
              eu: [eu-west-1]
            """;

    @TempDir
    Path dir;

    private ConfigException refusalOf(String yaml) {
        return ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", yaml), Map.of());
    }

    private String file() {
        return dir.resolve("regiongate.yaml").toString();
    }

    @Test
    void refusesMalformedYamlNamingTheLine() {
        ConfigException refusal = refusalOf(ZONES + """
                listen:
                  host: 0.0.0.0
                   port: 8080
                """);

        assertThat(refusal.source()).isEqualTo(file());
        assertThat(refusal).hasMessageContaining(file()).hasMessageContaining("malformed YAML at line 6");
    }

    @Test
    void refusesUnknownTopLevelKeyAndListsTheKnownOnes() {
        ConfigException refusal = refusalOf(ZONES + "upstream: []\n");

        assertThat(refusal).hasMessageContaining(file()).hasMessageContaining("upstream: unknown key");
        assertThat(refusal.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("upstreams", "tenants", "circuit-breakers"));
    }

    @Test
    void refusesUnknownNestedKeyWithItsFullPath() {
        ConfigException refusal = refusalOf(ZONES + """
                upstreams:
                  - {id: a, region: eu-west-1, type: simulated, models: [m]}
                  - {id: b, region: eu-west-1, base_url: http://b.example/v1, models: [m]}
                """);

        assertThat(refusal).hasMessageContaining(file()).hasMessageContaining("upstreams[1].base_url: unknown key");
    }

    @Test
    void refusesDurationWithoutUnitNamingTheKeyAndTheAcceptedFormat() {
        ConfigException refusal = refusalOf(ZONES + """
                circuit-breakers:
                  strict: {wait-in-open: 10 seconds}
                """);

        assertThat(refusal).hasMessageContaining(file())
                .hasMessageContaining("circuit-breakers.strict.wait-in-open: '10 seconds' is not valid here")
                .hasMessageContaining("ms, s, m or h");
    }

    @Test
    void refusesBadUpstreamTimeout() {
        ConfigException refusal = refusalOf(ZONES + """
                upstreams:
                  - {id: a, region: eu-west-1, type: simulated, models: [m], response-timeout: 1d}
                """);

        assertThat(refusal).hasMessageContaining("upstreams[0].response-timeout: '1d' is not valid here");
    }

    @Test
    void refusesUnknownCrossBorderPolicy() {
        ConfigException refusal = refusalOf(ZONES + """
                tenants:
                  - id: t
                    api-key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                    home-zone: eu
                    cross-border: sometimes
                """);

        assertThat(refusal).hasMessageContaining("tenants[0].cross-border: 'sometimes' is not valid here");
    }

    @Test
    void refusesUnknownAuditWordsAndHazelcastModeNamingTheKey() {
        String tenant = ZONES + """
                tenants:
                  - id: t
                    api-key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                    home-zone: eu
                """;

        assertThat(refusalOf(tenant + "    audit: {delivery: eventually}\n"))
                .hasMessageContaining("tenants[0].audit.delivery: 'eventually' is not valid here");
        assertThat(refusalOf(tenant + "    audit: {content: raw}\n"))
                .hasMessageContaining("tenants[0].audit.content: 'raw' is not valid here");
        assertThat(refusalOf(ZONES + "hazelcast: {mode: peer}\n"))
                .hasMessageContaining("hazelcast.mode: 'peer' is not valid here");
    }

    @Test
    void refusesKeyWrittenTwiceNamingTheSecondLine() {
        ConfigException refusal = refusalOf(ZONES + "region: eu-central-1\n");

        assertThat(refusal).hasMessageContaining("malformed YAML at line 4").hasMessageContaining("'region'");
    }

    @Test
    void refusesListWhereAMappingBelongs() {
        ConfigException refusal = refusalOf("region: eu-west-1\nzones: [eu-west-1]\n");

        assertThat(refusal).hasMessageContaining("zones: wrong kind of value (expected a mapping)");
    }

    @Test
    void refusesMissingFileNamingIt() {
        Path missing = dir.resolve("nowhere.yaml");

        ConfigException refusal = ConfigFixtures.refusal(missing, Map.of());

        assertThat(refusal.source()).isEqualTo(missing.toString());
        assertThat(refusal).hasMessageContaining(missing.toString()).hasMessageContaining("file not found");
    }

    @Test
    void refusesEmptyFile() {
        assertThat(refusalOf("# nothing yet\n")).hasMessageContaining(file()).hasMessageContaining("the file is empty");
    }

    @Test
    void refusesFileWhoseTopLevelIsNotAMapping() {
        assertThat(refusalOf("- region: eu-west-1\n")).hasMessageContaining("the top level must be a mapping");
    }

    @Test
    void refusesMalformedOverlayNamingTheOverlay() {
        Path base = ConfigFixtures.write(dir, "regiongate.yaml", ZONES);
        Path overlay = ConfigFixtures.write(dir, "regiongate.eu-west-1.yaml", "listen: {port: 8080\n");

        ConfigException refusal = ConfigFixtures.refusal(base, Map.of());

        assertThat(refusal.source()).isEqualTo(overlay.toString());
        assertThat(refusal).hasMessageContaining("malformed YAML at line");
    }
}
