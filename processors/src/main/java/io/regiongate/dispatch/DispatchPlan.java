package io.regiongate.dispatch;

import java.util.List;

/**
 * The targets one request may be tried on, in order: this region's upstreams by priority and
 * weight, then the allowed peers in configured order.
 *
 * @param residencyExcludedTargets true when residency kept some configured region out of the
 *                                 plan, so that a failure to serve is a residency outcome (503)
 */
public record DispatchPlan(List<DispatchTarget> targets, boolean residencyExcludedTargets) {

    public DispatchPlan {
        targets = List.copyOf(targets);
    }
}
