package io.regiongate.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** This runtime's callable targets, its upstreams and its peers, by id. */
public final class TargetDirectory {

    private final Map<String, CallTarget> byId = new LinkedHashMap<>();

    public TargetDirectory(List<ResolvedUpstream> upstreams, List<ResolvedPeer> peers) {
        upstreams.forEach(upstream -> byId.put(upstream.id(), upstream));
        peers.forEach(peer -> byId.put(peer.id(), peer));
    }

    public CallTarget resolve(DispatchTarget target) {
        CallTarget resolved = byId.get(target.id());
        if (resolved == null) {
            throw new NoSuchElementException("no target '" + target.id() + "' in this runtime");
        }
        return resolved;
    }
}
