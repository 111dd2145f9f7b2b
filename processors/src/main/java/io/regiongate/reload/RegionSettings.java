package io.regiongate.reload;

import io.regiongate.config.GatewayConfig;
import io.regiongate.dispatch.DispatchPlanner;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.dispatch.TargetDirectory;
import io.regiongate.dispatch.UpstreamCatalog;
import io.regiongate.dispatch.UpstreamPlanner;
import io.regiongate.metrics.MetricLabels;
import io.regiongate.redaction.RedactionPolicies;
import io.regiongate.tenant.TenantAuthenticator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a reload replaces, made from one configuration at once: the tenants' keys, the dispatch
 * plan's upstreams, the models they serve, the redaction profiles, the callable targets and the
 * metric labels. A step takes the current one when a request reaches it.
 *
 * @param generation 0 as started, then one more per applied reload
 */
public record RegionSettings(
        GatewayConfig config,
        List<ResolvedUpstream> upstreams,
        TenantAuthenticator authenticator,
        DispatchPlanner planner,
        UpstreamCatalog catalog,
        RedactionPolicies redaction,
        TargetDirectory targets,
        MetricLabels labels,
        long generation) {

    public RegionSettings {
        upstreams = List.copyOf(upstreams);
    }

    public static RegionSettings of(GatewayConfig config, List<ResolvedUpstream> upstreams, List<ResolvedPeer> peers,
                                    long generation) {
        return new RegionSettings(config, upstreams,
                new TenantAuthenticator(config.tenants()),
                new DispatchPlanner(config, new UpstreamPlanner(RandomGenerator.getDefault())),
                new UpstreamCatalog(config),
                new RedactionPolicies(config),
                new TargetDirectory(upstreams, peers),
                new MetricLabels(config),
                generation);
    }
}
