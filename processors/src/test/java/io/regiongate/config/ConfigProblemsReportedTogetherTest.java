package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator fixes a configuration in one pass: every problem is reported at once, one line each. */
class ConfigProblemsReportedTogetherTest {

    @TempDir
    Path dir;

    @Test
    void reportsEveryProblemOfTheFileInOneRefusal() {
        Path file = ConfigFixtures.write(dir, "regiongate.yaml", """
                region: eu-west-1
                zones:
                  eu: [eu-west-1]
                upstreams:
                  - {id: eu-a, region: eu-west-1, base-url: https://a.example/v1, api-key-env: A_KEY, models: [m]}
                  - {id: eu-a, region: eu-west-1, type: simulated, models: [m], circuit-breaker: fast}
                tenants:
                  - {id: acme, api-key-sha256: nope, home-zone: eu, upstreams: [eu-b]}
                audit:
                  endpoints:
                    - {region: us-east-1, kafka: {bootstrap-servers: "k:9092", topic: audit}}
                """);

        ConfigException refusal = ConfigFixtures.refusal(file, Map.of());

        assertThat(refusal.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "upstreams[0].api-key-env",
                "upstreams[1].id",
                "upstreams[1].circuit-breaker",
                "tenants[0].api-key-sha256",
                "tenants[0].upstreams",
                "audit.endpoints[0].region");
        assertThat(refusal.getMessage().lines())
                .first().isEqualTo("invalid configuration in " + file + ":");
        assertThat(refusal.getMessage().lines().skip(1))
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).startsWith("  - ").contains(": "));
    }
}
