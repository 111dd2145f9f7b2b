package io.regiongate.dispatch;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.residency.RegionUnavailable;
import io.regiongate.residency.ResidencyDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a request's {@link DispatchPlan} from configuration and its residency decision only:
 * local upstreams when this region is allowed, then peers whose region is allowed, unless the
 * request was itself forwarded by a peer (no second cross-region hop).
 */
public final class DispatchPlanner {

    private final GatewayConfig config;
    private final UpstreamPlanner upstreamOrder;

    public DispatchPlanner(GatewayConfig config, UpstreamPlanner upstreamOrder) {
        this.config = config;
        this.upstreamOrder = upstreamOrder;
    }

    /**
     * @throws GatewayException 404 when this region may serve the tenant but nothing here or in an
     *                          allowed peer could serve the model; 503 when residency leaves no target
     */
    public DispatchPlan plan(TenantConfig tenant, String model, ResidencyDecision residency) {
        List<DispatchTarget> targets = new ArrayList<>();
        boolean hereAllowed = residency.permits(config.region());
        if (hereAllowed) {
            List<UpstreamConfig> local = config.localUpstreams().stream()
                    .filter(tenant::mayUse)
                    .filter(upstream -> upstream.serves(model))
                    .toList();
            upstreamOrder.plan(local).forEach(upstream -> targets.add(DispatchTarget.upstream(upstream)));
        }
        boolean excluded = !hereAllowed;
        if (!residency.forwarded()) {
            for (PeerConfig peer : config.peers()) {
                if (residency.permits(peer.region())) {
                    targets.add(DispatchTarget.peer(peer));
                } else {
                    excluded = true;
                }
            }
        }
        if (targets.isEmpty()) {
            boolean servedAnywhere = config.upstreams().stream()
                    .anyMatch(upstream -> tenant.mayUse(upstream) && upstream.serves(model));
            if (!servedAnywhere || (hereAllowed && !excluded)) {
                throw new GatewayException(OpenAiError.modelNotFound(model));
            }
            throw new GatewayException(RegionUnavailable.error(config.region(), residency, List.of()));
        }
        return new DispatchPlan(targets, excluded);
    }
}
