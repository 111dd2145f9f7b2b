package io.regiongate.config;

/**
 * Where quota counters live.
 *
 * @param mode   {@code embedded} (a member inside this runtime) or {@code client}
 * @param config the Hazelcast configuration file; by default the one packaged for this region
 */
public record HazelcastConfig(String mode, String config) {

    public HazelcastConfig {
        mode = mode == null ? "embedded" : mode;
    }

    public static HazelcastConfig defaults() {
        return new HazelcastConfig(null, null);
    }
}
