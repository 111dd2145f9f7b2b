package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code [--config FILE] [--region REGION] [--help]}; flags win over REGIONGATE_CONFIG and REGIONGATE_REGION. */
class CommandLineTest {

    private static final Map<String, String> NO_ENV = Map.of();

    private static CommandLine parse(Map<String, String> env, String... args) {
        return CommandLine.parse(args, env::get);
    }

    @Test
    void runsTheEmbeddedDefaultWithoutArguments() {
        assertThat(parse(NO_ENV)).isEqualTo(new CommandLine(null, null, false));
    }

    @Test
    void readsFlagsWithSeparateValues() {
        assertThat(parse(NO_ENV, "--config", "/etc/rg/gateway.yaml", "--region", "eu-central-1"))
                .isEqualTo(new CommandLine(Path.of("/etc/rg/gateway.yaml"), "eu-central-1", false));
    }

    @Test
    void readsFlagsWrittenWithEquals() {
        assertThat(parse(NO_ENV, "--config=gateway.yaml", "--region=us-east-1"))
                .isEqualTo(new CommandLine(Path.of("gateway.yaml"), "us-east-1", false));
    }

    @Test
    void fallsBackToTheEnvironment() {
        Map<String, String> env = Map.of(CommandLine.ENV_CONFIG, "/cfg/rg.yaml", CommandLine.ENV_REGION, "us-west-2");

        assertThat(parse(env)).isEqualTo(new CommandLine(Path.of("/cfg/rg.yaml"), "us-west-2", false));
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Map<String, String> env = Map.of(CommandLine.ENV_CONFIG, "/cfg/rg.yaml", CommandLine.ENV_REGION, "us-west-2");

        assertThat(parse(env, "--region", "eu-west-1", "--config=mine.yaml"))
                .isEqualTo(new CommandLine(Path.of("mine.yaml"), "eu-west-1", false));
    }

    @Test
    void treatsBlankEnvironmentValuesAsUnset() {
        Map<String, String> env = Map.of(CommandLine.ENV_CONFIG, "", CommandLine.ENV_REGION, "  ");

        assertThat(parse(env)).isEqualTo(new CommandLine(null, null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void asksForHelp(String flag) {
        assertThat(parse(NO_ENV, "--region", "eu-west-1", flag).help()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port", "gateway.yaml", "--Config=x", "-c"})
    void refusesUnknownArgumentNamingIt(String argument) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(NO_ENV, argument))
                .withMessage("unknown argument '" + argument + "'");
    }

    @Test
    void refusesFlagWithoutValueAtTheEnd() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(NO_ENV, "--region", "eu-west-1", "--config"))
                .withMessage("--config needs a value");
    }

    @Test
    void refusesFlagFollowedByAnotherFlag() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(NO_ENV, "--region", "--config", "x.yaml"))
                .withMessage("--region needs a value");
    }
}
