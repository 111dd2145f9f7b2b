package io.regiongate.failover;

import io.regiongate.config.PeerConfig;

/** A peer as the runtime calls it: its configuration and its chat completions URL. */
public record ResolvedPeer(PeerConfig config, String chatCompletionsUrl) {

    public static ResolvedPeer of(PeerConfig config) {
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        return new ResolvedPeer(config, base + "/v1/chat/completions");
    }

    public String id() {
        return DispatchTarget.peerId(config.region());
    }
}
