package io.regiongate.failover;

import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;

/**
 * Something a request can be sent to: one of this region's upstreams, or another region's
 * RegionGate runtime (a peer). Each has its own circuit breaker, named by {@link #id()}.
 */
public record DispatchTarget(Kind kind, String id, String region) {

    public enum Kind { UPSTREAM, PEER }

    public static DispatchTarget upstream(UpstreamConfig upstream) {
        return new DispatchTarget(Kind.UPSTREAM, upstream.id(), upstream.region());
    }

    public static DispatchTarget peer(PeerConfig peer) {
        return new DispatchTarget(Kind.PEER, peerId(peer.region()), peer.region());
    }

    public static String peerId(String region) {
        return "peer-" + region;
    }

    public boolean isPeer() {
        return kind == Kind.PEER;
    }
}
