package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration packaged on the classpath loads like a file, with defaults for what it leaves out. */
class ConfigResourceLoadingTest {

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    @Test
    void loadsPackagedConfigurationAndNamesItsClasspathSource() throws ConfigException {
        GatewayConfig config = loader.loadResource("config/minimal.yaml", null);

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.source()).isEqualTo("classpath:config/minimal.yaml");
        assertThat(config.listen()).isEqualTo(ListenConfig.defaults());
        assertThat(config.hazelcast().mode()).isEqualTo(HazelcastMode.EMBEDDED);
        assertThat(config.audit().directory(config.region())).as("one journal directory per region by default")
                .isEqualTo("data/audit/us-east-1");
        assertThat(config.upstreams()).isEmpty();
    }

    @Test
    void regionOverrideWinsOverThePackagedRegion() {
        ConfigException refusal = catchThrowableOfType(ConfigException.class,
                () -> loader.loadResource("config/minimal.yaml", "eu-west-1"));

        assertThat(refusal.problems()).containsExactly(
                new ConfigProblem("region", "'eu-west-1' is not in any zone [us]"));
    }

    @Test
    void refusesResourceThatIsNotPackaged() {
        ConfigException refusal = catchThrowableOfType(ConfigException.class,
                () -> loader.loadResource("config/absent.yaml", null));

        assertThat(refusal).hasMessageContaining("classpath:config/absent.yaml").hasMessageContaining("not found");
    }
}
