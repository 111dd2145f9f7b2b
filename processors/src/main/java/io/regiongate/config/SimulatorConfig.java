package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How the built-in simulated upstream answers.
 *
 * @param chunkInterval the pause between two streamed chunks
 * @param reply         the completion text; streamed one word per chunk
 */
public record SimulatorConfig(
        @JsonProperty("chunk-interval") Duration chunkInterval,
        String reply) {

    public static final Duration DEFAULT_CHUNK_INTERVAL = Duration.ofMillis(50);
    public static final String DEFAULT_REPLY =
            "Hello from the RegionGate simulated upstream. Your prompt stayed in this region.";

    public SimulatorConfig {
        chunkInterval = chunkInterval == null ? DEFAULT_CHUNK_INTERVAL : chunkInterval;
        reply = reply == null ? DEFAULT_REPLY : reply;
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(null, null);
    }
}
