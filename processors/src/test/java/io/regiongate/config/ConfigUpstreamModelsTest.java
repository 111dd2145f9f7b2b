package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upstream's models as a list (each its own name there) or mapped to the endpoint's deployments; Azure's settings. */
class ConfigUpstreamModelsTest {

    private static final String BASE = """
            region: eu-west-1
            zones: {eu: [eu-west-1]}
            tenants:
              - {id: acme, home-zone: eu, api-key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}
            upstreams:
            """;

    @TempDir
    Path dir;

    private GatewayConfig load(String upstreams) throws ConfigException {
        return ConfigFixtures.load(ConfigFixtures.write(dir, "regiongate.yaml", BASE + upstreams), Map.of());
    }

    private ConfigException refusal(String upstreams) {
        return ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", BASE + upstreams), Map.of());
    }

    @Test
    void aListMeansEachModelIsCalledByItsOwnName() throws ConfigException {
        UpstreamConfig upstream = load("""
                  - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o, gpt-4o-mini]}
                """).upstreams().get(0);

        assertThat(upstream.models()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(upstream.deploymentOf("gpt-4o")).isEqualTo("gpt-4o");
    }

    @Test
    void aMappingNamesEachLogicalModelsDeploymentAndAzureItsApiVersion() throws ConfigException {
        UpstreamConfig upstream = load("""
                  - id: eu-azure
                    region: eu-west-1
                    type: azure-openai
                    base-url: https://acme-eu.openai.azure.com
                    api-version: 2024-10-21
                    models:
                      gpt-4o: {deployment: gpt4o-eu-prod}
                      gpt-4o-mini: {}
                      text-embedding-3-small:
                """).upstreams().get(0);

        assertThat(upstream.isAzure()).isTrue();
        assertThat(upstream.apiVersion()).isEqualTo("2024-10-21");
        assertThat(upstream.models()).containsExactly("gpt-4o", "gpt-4o-mini", "text-embedding-3-small");
        assertThat(List.of(upstream.deploymentOf("gpt-4o"), upstream.deploymentOf("gpt-4o-mini")))
                .containsExactly("gpt4o-eu-prod", "gpt-4o-mini");
    }

    @Test
    void refusesAnAzureUpstreamWithoutApiVersionAndAnApiVersionElsewhere() {
        ConfigException refusal = refusal("""
                  - {id: eu-azure, region: eu-west-1, type: azure-openai, base-url: "https://a.example", models: [gpt-4o]}
                  - {id: eu-openai, region: eu-west-1, base-url: "https://b.example/v1", models: [gpt-4o], api-version: "1"}
                """);

        assertThat(refusal).hasMessageContaining("upstreams[0].api-version: missing")
                .hasMessageContaining("upstreams[1].api-version: only an azure-openai upstream");
    }

    @Test
    void refusesAModelMappedToSomethingOtherThanADeploymentName() {
        assertThat(refusal("""
                  - id: eu-sim
                    region: eu-west-1
                    type: simulated
                    models: {gpt-4o: {deployment: 42, region: x}}
                """)).hasMessageContaining("upstreams[0].models").hasMessageContaining("deployment");
    }
}
