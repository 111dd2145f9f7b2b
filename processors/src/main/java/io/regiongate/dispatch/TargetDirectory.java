package io.regiongate.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** This runtime's callable targets, its upstreams and its peers, by id. */
public final class TargetDirectory {

    private final Map<String, CallTarget> byId = new LinkedHashMap<>();

    public TargetDirectory(List<ResolvedUpstream> upstreams, List<ResolvedPeer> peers) {
        upstreams.forEach(upstream -> byId.put(upstream.id(), upstream));
        peers.forEach(peer -> byId.put(peer.id(), peer));
    }

    /** The target, or empty when this runtime has none of that id (any more). */
    public Optional<CallTarget> find(DispatchTarget target) {
        return Optional.ofNullable(byId.get(target.id()));
    }
}
