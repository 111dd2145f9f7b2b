package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One base file, one optional overlay per region beside it, selected by the region identifier. */
class ConfigRegionOverlayTest {

    private static final String BASE = """
            region: eu-west-1
            listen: {host: 0.0.0.0, port: 8080, worker-threads: 64}
            zones:
              eu: [eu-west-1, eu-central-1]
            upstreams:
              - {id: eu-west-1-sim, region: eu-west-1, type: simulated, models: [gpt-4o]}
            circuit-breakers:
              default: {failure-rate-threshold: 50, wait-in-open: 10s}
            """;

    @TempDir
    Path dir;

    private Path base;
    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    @BeforeEach
    void writeBaseAndOverlays() {
        base = ConfigFixtures.write(dir, "regiongate.yaml", BASE);
        ConfigFixtures.write(dir, "regiongate.eu-west-1.yaml", """
                listen: {port: 9443}
                circuit-breakers:
                  default: {wait-in-open: 30s}
                """);
        ConfigFixtures.write(dir, "regiongate.eu-central-1.yaml", """
                listen: {port: 8081}
                upstreams:
                  - {id: eu-central-1-sim, region: eu-central-1, type: simulated, models: [gpt-4o-mini]}
                """);
    }

    @Test
    void laysOverlayOfTheFilesRegionOverTheBaseKeyByKey() throws ConfigException {
        GatewayConfig config = loader.load(base, null);

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.listen().port()).as("replaced by the overlay").isEqualTo(9443);
        assertThat(config.listen().host()).as("kept from the base").isEqualTo("0.0.0.0");
        assertThat(config.listen().workerThreads()).as("kept from the base").isEqualTo(64);
        CircuitBreakerConfig breaker = config.circuitBreakers().get("default");
        assertThat(breaker.waitInOpen()).hasSeconds(30);
        assertThat(breaker.failureRateThreshold()).isEqualTo(50);
    }

    @Test
    void regionOverrideWinsOverTheFilesRegionAndSelectsItsOverlay() throws ConfigException {
        GatewayConfig config = loader.load(base, "eu-central-1");

        assertThat(config.region()).isEqualTo("eu-central-1");
        assertThat(config.listen().port()).isEqualTo(8081);
        assertThat(config.circuitBreakers().get("default").waitInOpen())
                .as("the eu-west-1 overlay is not applied").hasSeconds(10);
    }

    @Test
    void overlayReplacesListsWhole() throws ConfigException {
        GatewayConfig config = loader.load(base, "eu-central-1");

        assertThat(config.upstreams()).extracting(UpstreamConfig::id).containsExactly("eu-central-1-sim");
        assertThat(config.localUpstreams()).extracting(UpstreamConfig::id).containsExactly("eu-central-1-sim");
    }

    @Test
    void namesBaseAndOverlayAsTheSource() throws ConfigException {
        GatewayConfig config = loader.load(base, "eu-central-1");

        assertThat(config.source()).isEqualTo(base + " + " + dir.resolve("regiongate.eu-central-1.yaml"));
    }

    @Test
    void runsOnTheBaseAloneWhenTheRegionHasNoOverlay() throws ConfigException {
        ConfigFixtures.write(dir, "other.yaml", BASE);

        GatewayConfig config = loader.load(dir.resolve("other.yaml"), null);

        assertThat(config.listen().port()).isEqualTo(8080);
        assertThat(config.source()).isEqualTo(dir.resolve("other.yaml").toString());
    }

    @Test
    void regionNamedInAnOverlayDoesNotOverrideTheRegionThatSelectedIt() throws ConfigException {
        ConfigFixtures.write(dir, "regiongate.eu-central-1.yaml", "region: eu-west-1\n");

        assertThat(loader.load(base, "eu-central-1").region()).isEqualTo("eu-central-1");
    }

    @Test
    void overlayFileIsTheBaseStemDotRegionDotYaml() {
        assertThat(ConfigLoader.overlayFor(Path.of("/etc/rg/gateway.yaml"), "us-east-1"))
                .isEqualTo(Path.of("/etc/rg/gateway.us-east-1.yaml"));
        assertThat(ConfigLoader.overlayFor(Path.of("/etc/rg/gateway.yml"), "us-east-1"))
                .isEqualTo(Path.of("/etc/rg/gateway.us-east-1.yaml"));
    }
}
