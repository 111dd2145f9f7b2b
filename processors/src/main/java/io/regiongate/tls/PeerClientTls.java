package io.regiongate.tls;

import io.regiongate.config.PeerConfig;
import io.regiongate.dispatch.DispatchTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client TLS of each peer link that has {@code peers[].tls}, by the peer's target id
 * ({@code peer-<region>}), loaded once at start for every client that calls a peer: camel-http, the
 * streaming client, the prober. A target without an entry is called with the client's defaults.
 */
public final class PeerClientTls {

    private final Map<String, ClientTls> byTarget;

    private PeerClientTls(Map<String, ClientTls> byTarget) {
        this.byTarget = Map.copyOf(byTarget);
    }

    public static PeerClientTls none() {
        return new PeerClientTls(Map.of());
    }

    /**
     * @throws IllegalStateException when a peer's material does not load (the configuration check
     *                               refuses such a file before this runs)
     */
    public static PeerClientTls load(List<PeerConfig> peers, Function<String, String> environment) {
        Map<String, ClientTls> byTarget = new HashMap<>();
        for (PeerConfig peer : peers) {
            if (peer.tls() == null) {
                continue;
            }
            try {
                byTarget.put(DispatchTarget.peer(peer).id(), ClientTls.load(peer.tls(), environment));
            } catch (TlsMaterialException e) {
                throw new IllegalStateException("peer " + peer.region() + ": tls." + e.key() + ": " + e.getMessage(), e);
            }
        }
        return new PeerClientTls(byTarget);
    }

    /** The TLS of the call target {@code targetId}, when it is a peer with {@code tls}. */
    public Optional<ClientTls> of(String targetId) {
        return Optional.ofNullable(byTarget.get(targetId));
    }
}
