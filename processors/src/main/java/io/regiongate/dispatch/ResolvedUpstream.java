package io.regiongate.dispatch;

import io.regiongate.config.UpstreamConfig;
import java.time.Duration;

/**
 * An upstream as the runtime calls it: its configuration, the concrete API base URL
 * (for simulated upstreams, the simulator's loopback address) and the secret key read from the
 * environment, which never appears in {@link #toString()}.
 */
public record ResolvedUpstream(UpstreamConfig config, String apiBaseUrl, String apiKey) implements CallTarget {

    @Override
    public DispatchTarget target() {
        return DispatchTarget.upstream(config);
    }

    @Override
    public Duration connectTimeout() {
        return config.connectTimeout();
    }

    @Override
    public Duration responseTimeout() {
        return config.responseTimeout();
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "ResolvedUpstream[" + config.id() + " -> " + apiBaseUrl + "]";
    }
}
