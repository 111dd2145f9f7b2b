package io.regiongate.dispatch;

import io.regiongate.config.UpstreamConfig;

/**
 * An upstream as the runtime calls it: its configuration, the concrete chat completions URL
 * (for simulated upstreams, the simulator's loopback address) and the secret key read from the
 * environment, which never appears in {@link #toString()}.
 */
public record ResolvedUpstream(UpstreamConfig config, String chatCompletionsUrl, String apiKey) {

    public String id() {
        return config.id();
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "ResolvedUpstream[" + config.id() + " -> " + chatCompletionsUrl + "]";
    }
}
