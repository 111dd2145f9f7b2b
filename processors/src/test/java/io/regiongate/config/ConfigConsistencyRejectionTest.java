package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that binds but does not make sense as a whole stops the runtime with a
 * {@link ConfigException} whose message names the file and each {@code key: problem}.
 */
class ConfigConsistencyRejectionTest {

    private static final String HASH_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String HASH_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private static final String ZONES = """
            region: eu-west-1
            zones:
              eu: [eu-west-1, eu-central-1]
              us: [us-east-1]
            """;

    private static final String ONE_UPSTREAM = """
            upstreams:
              - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o]}
            """;

    @TempDir
    Path dir;

    private ConfigException refusalOf(String yaml) {
        return refusalOf(yaml, Map.of());
    }

    private ConfigException refusalOf(String yaml, Map<String, String> environment) {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", yaml), environment);
        assertThat(refusal).as("the configuration must be refused").isNotNull()
                .hasMessageStartingWith("invalid configuration in " + dir.resolve("regiongate.yaml"));
        return refusal;
    }

    @Test
    void refusesDuplicateUpstreamId() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                  - {id: eu-sim, region: eu-central-1, type: simulated, models: [gpt-4o-mini]}
                """);

        assertThat(refusal).hasMessageContaining("upstreams[1].id: duplicate upstream id 'eu-sim'");
    }

    @Test
    void refusesAServerWithoutThreads() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                listen: {worker-threads: 0, event-loops: 0}
                """);

        assertThat(refusal).hasMessageContaining("listen.worker-threads: must be at least 1")
                .hasMessageContaining("listen.event-loops: must be at least 1");
    }

    @Test
    void refusesDuplicateTenantId() {
        ConfigException refusal = refusalOf(ZONES + """
                tenants:
                  - {id: acme, api-key-sha256: %s, home-zone: eu}
                  - {id: acme, api-key-sha256: %s, home-zone: us}
                """.formatted(HASH_A, HASH_B));

        assertThat(refusal).hasMessageContaining("tenants[1].id: duplicate tenant id 'acme'");
    }

    @Test
    void refusesTwoTenantsSharingOneKey() {
        ConfigException refusal = refusalOf(ZONES + """
                tenants:
                  - {id: acme, api-key-sha256: %s, home-zone: eu}
                  - {id: globex, api-key-sha256: %s, home-zone: us}
                """.formatted(HASH_A, HASH_A));

        assertThat(refusal).hasMessageContaining("tenants[1].api-key-sha256: the same key hash is used by another key");
    }

    @Test
    void refusesUnknownUpstreamInTenantsUpstreams() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                tenants:
                  - {id: acme, api-key-sha256: %s, home-zone: eu, upstreams: [eu-sim, eu-openai]}
                """.formatted(HASH_A));

        assertThat(refusal.problems()).containsExactly(
                new ConfigProblem("tenants[0].upstreams", "unknown upstream 'eu-openai'"));
    }

    @Test
    void refusesRuntimeRegionThatIsInNoZone() {
        ConfigException refusal = refusalOf(ZONES.replace("region: eu-west-1", "region: ap-south-1"));

        assertThat(refusal).hasMessageContaining("region: 'ap-south-1' is not in any zone");
    }

    @Test
    void refusesRuntimeWithoutRegion() {
        ConfigException refusal = refusalOf("zones: {eu: [eu-west-1]}\n");

        assertThat(refusal).hasMessageContaining("region: missing");
    }

    @Test
    void refusesAnAdminListenerOnTheApiPortAndAnAdminTokenWrittenInClear() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                listen: {port: 8080}
                admin: {listen: {port: 8080}, token-sha256: my-admin-token}
                """);

        assertThat(refusal.problems()).containsExactlyInAnyOrder(
                new ConfigProblem("admin.listen.port", "the admin listener needs a port of its own, not the API's 8080"),
                new ConfigProblem("admin.token-sha256",
                        "must be the SHA-256 of the token as 64 lower-case hex digits (never the token itself)"));
    }

    @Test
    void refusesAPeerInClearUnlessItIsWrittenDown() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                peers:
                  - {region: us-east-1, url: "http://us.internal:8080", secret-env: LINK}
                """, Map.of("LINK", ConfigFixtures.PEER_SECRET));

        assertThat(refusal.problems()).containsExactly(new ConfigProblem("peers[0].url", "http:// sends prompts between "
                + "regions in clear; use https://, or write allow-insecure: true next to it where TLS ends before the runtime"));
    }

    @Test
    void acceptsAPeerInClearWhereAllowInsecureIsWritten() throws ConfigException {
        Path file = ConfigFixtures.write(dir, "regiongate.yaml", ZONES + ONE_UPSTREAM + """
                peers:
                  - {region: us-east-1, url: "http://127.0.0.1:8081", allow-insecure: true, secret-env: LINK}
                """);

        assertThat(ConfigFixtures.load(file, Map.of("LINK", ConfigFixtures.PEER_SECRET)).peers().get(0).allowInsecure()).isTrue();
    }

    @Test
    void refusesAPeerWithoutALinkSecretOrWithAShortOne() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                peers:
                  - {region: us-east-1, url: "https://us.internal"}
                  - {region: eu-central-1, url: "https://eu-central.internal", secret-env: SHORT}
                  - {region: eu-north-1, url: "https://eu-north.internal", secret-env: UNSET}
                """, Map.of("SHORT", "0123456789"));

        assertThat(refusal.problems()).extracting(ConfigProblem::key, ConfigProblem::message).contains(
                tuple("peers[0].secret-env", "required: the environment variable holding the "
                        + "link's shared secret (the same value in both regions' runtimes); forwards are signed with it"),
                tuple("peers[1].secret-env", "the secret in SHORT must be at least 32 characters"),
                tuple("peers[2].secret-env", "environment variable UNSET is not set"));
    }

    @Test
    void refusesUpstreamRegionThatIsInNoZone() {
        ConfigException refusal = refusalOf(ZONES + ONE_UPSTREAM + """
                  - {id: ap-sim, region: ap-south-1, type: simulated, models: [gpt-4o]}
                """);

        assertThat(refusal).hasMessageContaining("upstreams[1].region: 'ap-south-1' is not in any zone");
    }

    @Test
    void refusesUpstreamWhoseKeyVariableIsNotSet() {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.resource("regiongate.yaml"),
                Map.of("REGIONGATE_PEER_SECRET_EU_US", ConfigFixtures.PEER_SECRET));

        assertThat(refusal).hasMessageContaining(ConfigFixtures.resource("regiongate.yaml").toString());
        assertThat(refusal.problems()).containsExactly(new ConfigProblem("upstreams[0].api-key-env",
                "environment variable EU_OPENAI_KEY is not set"));
    }

    @Test
    void doesNotAskForTheKeyOfAnotherRegionsUpstreamWhichThisRuntimeNeverCalls() throws ConfigException {
        Path file = ConfigFixtures.write(dir, "regiongate.yaml", ZONES + ONE_UPSTREAM + """
                  - {id: us-openai, region: us-east-1, base-url: https://us.example/v1, api-key-env: US_KEY, models: [gpt-4o]}
                tenants: []
                """);

        assertThat(ConfigFixtures.load(file, Map.of()).upstreams()).hasSize(2);
    }

    @Test
    void refusesUpstreamReferringToUndeclaredCircuitBreaker() {
        ConfigException refusal = refusalOf(ZONES + """
                circuit-breakers:
                  default: {minimum-calls: 5}
                  strict: {failure-rate-threshold: 20}
                upstreams:
                  - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o], circuit-breaker: stirct}
                """);

        assertThat(refusal).hasMessageContaining("upstreams[0].circuit-breaker: unknown circuit breaker 'stirct'");
    }

    @Test
    void acceptsTheDefaultCircuitBreakerWithoutDeclaringIt() throws ConfigException {
        Path file = ConfigFixtures.write(dir, "regiongate.yaml", ZONES + ONE_UPSTREAM);

        assertThat(ConfigFixtures.load(file, Map.of()).upstreams().get(0).circuitBreaker()).isEqualTo("default");
    }

    @Test
    void refusesAuditEndpointOfAnotherRegion() {
        ConfigException refusal = refusalOf(ZONES + """
                audit:
                  endpoints:
                    - region: eu-central-1
                      kafka: {bootstrap-servers: kafka.eu-central-1.internal:9092, topic: audit}
                """);

        assertThat(refusal.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("audit.endpoints[0].region");
            assertThat(problem.message()).contains("'eu-central-1'", "'eu-west-1'", "never leave their region");
        });
    }

    @Test
    void refusesApiKeyHashThatIsNotSha256Hex() {
        ConfigException refusal = refusalOf(ZONES + """
                tenants:
                  - {id: short, api-key-sha256: 9f86d081884c7d65, home-zone: eu}
                  - {id: plaintext, api-key-sha256: sk-live-abcdef, home-zone: eu}
                  - {id: absent, home-zone: eu}
                """);

        assertThat(refusal.problems()).extracting(ConfigProblem::key)
                .containsExactly("tenants[0].api-key-sha256", "tenants[1].api-key-sha256", "tenants[2].api-key-sha256");
        assertThat(refusal).hasMessageContaining("64 lower-case hex digits");
    }

    @Test
    void refusesTenantOfUnknownHomeZone() {
        ConfigException refusal = refusalOf(ZONES + """
                tenants:
                  - {id: acme, api-key-sha256: %s, home-zone: apac}
                """.formatted(HASH_A));

        assertThat(refusal).hasMessageContaining("tenants[0].home-zone: unknown zone 'apac'");
    }

    @Test
    void refusesRealUpstreamWithoutHttpBaseUrl() {
        ConfigException refusal = refusalOf(ZONES + """
                upstreams:
                  - {id: a, region: eu-west-1, models: [m]}
                  - {id: b, region: eu-west-1, base-url: "ftp://b.example/v1", models: [m]}
                """);

        assertThat(refusal.problems()).extracting(ConfigProblem::key)
                .containsExactly("upstreams[0].base-url", "upstreams[1].base-url");
    }

    @Test
    void refusesZoneLeftEmptyNamingIt() {
        ConfigException refusal = refusalOf("""
                region: eu-west-1
                zones:
                  eu: [eu-west-1]
                  us:
                """);

        assertThat(refusal.problems()).containsExactly(
                new ConfigProblem("zones.us", "a zone needs at least one region"));
    }

    @Test
    void refusesCircuitBreakerLeftEmptyNamingIt() {
        ConfigException refusal = refusalOf(ZONES + """
                circuit-breakers:
                  fast:
                """);

        assertThat(refusal.problems()).containsExactly(
                new ConfigProblem("circuit-breakers.fast", "empty; give at least one setting or remove it"));
    }
}
