package io.regiongate.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Writes YAML fixtures to a directory and loads them with a chosen environment. */
final class ConfigFixtures {

    /** The environment the DESIGN.md sketch needs: the key of its real upstream is set. */
    static final String PEER_SECRET = "a-link-secret-of-at-least-32-characters";
    static final Map<String, String> SKETCH_ENVIRONMENT = Map.of("EU_OPENAI_KEY", "sk-test",
            "REGIONGATE_PEER_SECRET_EU_US", PEER_SECRET);

    private ConfigFixtures() {
    }

    static Path write(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource under {@code config/} as a file on disk. */
    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(ConfigFixtures.class.getClassLoader().getResource("config/" + name),
                    name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resourceText(String name) {
        try {
            return Files.readString(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GatewayConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return new ConfigLoader(environment::get).load(file, null);
    }

    /** Loads a file that must be refused, and returns the refusal. */
    static ConfigException refusal(Path file, Map<String, String> environment) {
        return catchThrowableOfType(ConfigException.class, () -> load(file, environment));
    }
}
