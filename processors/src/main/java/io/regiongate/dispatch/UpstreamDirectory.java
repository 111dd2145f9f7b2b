package io.regiongate.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The resolved upstreams of this runtime, by id. */
public final class UpstreamDirectory {

    private final Map<String, ResolvedUpstream> byId = new LinkedHashMap<>();

    public UpstreamDirectory(List<ResolvedUpstream> upstreams) {
        upstreams.forEach(upstream -> byId.put(upstream.id(), upstream));
    }

    public ResolvedUpstream get(String id) {
        ResolvedUpstream upstream = byId.get(id);
        if (upstream == null) {
            throw new NoSuchElementException("no upstream '" + id + "' in this runtime");
        }
        return upstream;
    }

    public List<ResolvedUpstream> all() {
        return List.copyOf(byId.values());
    }
}
