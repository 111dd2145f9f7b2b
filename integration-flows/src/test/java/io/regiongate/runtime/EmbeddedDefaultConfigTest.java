package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.config.ConfigException;
import io.regiongate.config.ConfigLoader;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.tenant.ApiKeyHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar regiongate.jar} with no arguments runs a valid one-region demo whose printed keys work. */
class EmbeddedDefaultConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    @Test
    void loadsThePackagedDefaultWithoutConfigFlag() throws ConfigException {
        GatewayConfig config = RegionGateMain.sourceOf(new CommandLine(null, null, false)).load(loader);

        assertThat(config.source()).isEqualTo("classpath:" + EmbeddedDefault.RESOURCE);
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.listen().host()).isEqualTo("127.0.0.1");
        assertThat(config.localUpstreams()).extracting(UpstreamConfig::id).containsExactly("eu-west-1-sim");
        assertThat(config.localUpstreams()).allMatch(UpstreamConfig::isSimulated);
        assertThat(config.tenant("acme-eu").map(TenantConfig::crossBorder)).contains(CrossBorder.NEVER);
    }

    @Test
    void regionFlagSelectsAnotherRegionOfTheDefault() throws ConfigException {
        GatewayConfig config = RegionGateMain.sourceOf(new CommandLine(null, "us-east-1", false)).load(loader);

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.localUpstreams()).extracting(UpstreamConfig::id).containsExactly("us-east-1-sim");
    }

    @Test
    void demoKeysAreTheKeysOfTheDefaultsTenants() throws ConfigException {
        GatewayConfig config = RegionGateMain.sourceOf(new CommandLine(null, null, false)).load(loader);

        assertThat(EmbeddedDefault.DEMO_KEYS).hasSameSizeAs(config.tenants());
        EmbeddedDefault.DEMO_KEYS.forEach((tenant, key) -> assertThat(config.tenant(tenant))
                .as("tenant %s", tenant)
                .hasValueSatisfying(t -> assertThat(t.apiKeySha256()).isEqualTo(ApiKeyHash.sha256Hex(key))));
    }

    @Test
    void loadsTheFileNamedByTheConfigFlagInstead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "region: us-west-2\nzones: {us: [us-west-2]}\n");

        GatewayConfig config = RegionGateMain.sourceOf(new CommandLine(file, null, false)).load(loader);

        assertThat(config.region()).isEqualTo("us-west-2");
        assertThat(config.source()).isEqualTo(file.toString());
    }
}
