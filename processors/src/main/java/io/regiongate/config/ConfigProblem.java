package io.regiongate.config;

/**
 * One thing wrong with a configuration file.
 *
 * @param key     the path of the offending key, e.g. {@code upstreams[1].base-url}
 * @param message what is wrong, in words an operator can act on
 */
public record ConfigProblem(String key, String message) {

    @Override
    public String toString() {
        return key.isEmpty() ? message : key + ": " + message;
    }
}
