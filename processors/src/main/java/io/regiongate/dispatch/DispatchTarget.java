package io.regiongate.dispatch;

import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;

/**
 * Something a request can be sent to: one of this region's upstreams, or another region's
 * RegionGate runtime (a peer). Each has its own circuit breaker, named by {@link #id()}.
 */
public record DispatchTarget(Kind kind, String id, String region) {

    public enum Kind { UPSTREAM, PEER }

    private static final String PEER_PREFIX = "peer-";
    private static final String UPSTREAM_PREFIX = "upstream-";

    public static DispatchTarget upstream(UpstreamConfig upstream) {
        return new DispatchTarget(Kind.UPSTREAM, upstream.id(), upstream.region());
    }

    public static DispatchTarget peer(PeerConfig peer) {
        return new DispatchTarget(Kind.PEER, peerId(peer.region()), peer.region());
    }

    /** A peer's id: {@code peer-<region>} (upstream ids may not start with {@code peer-}). */
    public static String peerId(String region) {
        return PEER_PREFIX + region;
    }

    public boolean isPeer() {
        return kind == Kind.PEER;
    }

    /** The id of its call route: {@code upstream-<id>} for an upstream, the peer's id for a peer. */
    public String routeId() {
        return isPeer() ? id : UPSTREAM_PREFIX + id;
    }
}
