package io.regiongate.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The probe state of each target, by target id; a target nobody probes is healthy. */
public final class TargetProbes {

    private final Map<String, ProbeState> byTarget = new ConcurrentHashMap<>();
    private final int unhealthyAfter;
    private final int healthyAfter;

    public TargetProbes(int unhealthyAfter, int healthyAfter) {
        this.unhealthyAfter = unhealthyAfter;
        this.healthyAfter = healthyAfter;
    }

    /** No probes: every target is healthy. */
    public static TargetProbes none() {
        return new TargetProbes(Integer.MAX_VALUE, 1);
    }

    public ProbeState of(String targetId) {
        return byTarget.computeIfAbsent(targetId, id -> new ProbeState(unhealthyAfter, healthyAfter));
    }

    public boolean healthy(String targetId) {
        ProbeState state = byTarget.get(targetId);
        return state == null || state.healthy();
    }
}
