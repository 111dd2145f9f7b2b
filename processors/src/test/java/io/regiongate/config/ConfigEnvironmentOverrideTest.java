package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REGIONGATE_LISTEN_HOST and REGIONGATE_LISTEN_PORT override both the base file and the overlay. */
class ConfigEnvironmentOverrideTest {

    @TempDir
    Path dir;

    private Path base;

    @BeforeEach
    void writeBaseAndOverlay() {
        base = ConfigFixtures.write(dir, "regiongate.yaml", """
                region: us-east-1
                listen: {host: 127.0.0.1, port: 8080, max-request-bytes: 4096}
                zones: {us: [us-east-1]}
                """);
        ConfigFixtures.write(dir, "regiongate.us-east-1.yaml", "listen: {port: 8181}\n");
    }

    @Test
    void listenHostAndPortFromTheEnvironmentWinOverFileAndOverlay() throws ConfigException {
        GatewayConfig config = ConfigFixtures.load(base, Map.of(
                ConfigLoader.ENV_LISTEN_HOST, "0.0.0.0",
                ConfigLoader.ENV_LISTEN_PORT, " 9443 "));

        assertThat(config.listen().host()).isEqualTo("0.0.0.0");
        assertThat(config.listen().port()).isEqualTo(9443);
        assertThat(config.listen().maxRequestBytes()).as("untouched").isEqualTo(4096);
    }

    @Test
    void overridesOnlyTheValueThatIsSet() throws ConfigException {
        GatewayConfig config = ConfigFixtures.load(base, Map.of(ConfigLoader.ENV_LISTEN_HOST, "10.0.0.7"));

        assertThat(config.listen().host()).isEqualTo("10.0.0.7");
        assertThat(config.listen().port()).isEqualTo(8181);
    }

    @Test
    void createsListenWhenTheFileHasNone() throws ConfigException {
        Path bare = ConfigFixtures.write(dir, "bare.yaml", "region: us-east-1\nzones: {us: [us-east-1]}\n");

        GatewayConfig config = ConfigFixtures.load(bare, Map.of(ConfigLoader.ENV_LISTEN_PORT, "7000"));

        assertThat(config.listen().port()).isEqualTo(7000);
        assertThat(config.listen().host()).isEqualTo(ListenConfig.DEFAULT_HOST);
    }

    @Test
    void refusesPortOverrideThatIsNotANumber() {
        ConfigException refusal = ConfigFixtures.refusal(base, Map.of(ConfigLoader.ENV_LISTEN_PORT, "http"));

        assertThat(refusal.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("listen.port");
            assertThat(problem.message()).contains(ConfigLoader.ENV_LISTEN_PORT, "'http'");
        });
        assertThat(refusal).hasMessageContaining(base.toString());
    }

    @Test
    void refusesPortOverrideOutsideThePortRange() {
        ConfigException refusal = ConfigFixtures.refusal(base, Map.of(ConfigLoader.ENV_LISTEN_PORT, "70000"));

        assertThat(refusal).hasMessageContaining("listen.port: 70000 is not a port");
    }
}
