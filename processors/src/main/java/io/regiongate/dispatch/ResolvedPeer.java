package io.regiongate.dispatch;

import io.regiongate.config.PeerConfig;
import java.time.Duration;

/** A peer as the runtime calls it: its configuration and its API base URL ({@code <url>/v1}). */
public record ResolvedPeer(PeerConfig config, String apiBaseUrl) implements CallTarget {

    public static ResolvedPeer of(PeerConfig config) {
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        return new ResolvedPeer(config, base + "/v1");
    }

    @Override
    public DispatchTarget target() {
        return DispatchTarget.peer(config);
    }

    @Override
    public Duration connectTimeout() {
        return config.connectTimeout();
    }

    @Override
    public Duration responseTimeout() {
        return config.responseTimeout();
    }
}
