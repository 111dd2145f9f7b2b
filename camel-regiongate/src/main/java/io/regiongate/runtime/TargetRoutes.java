package io.regiongate.runtime;

import io.regiongate.dispatch.CallTarget;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.Steps;
import io.regiongate.routes.TargetCallTemplate;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/** One call route per local upstream and per peer, each made from {@link TargetCallTemplate}. */
final class TargetRoutes extends RouteBuilder {

    private final List<ResolvedUpstream> upstreams;
    private final List<ResolvedPeer> peers;

    TargetRoutes(List<ResolvedUpstream> upstreams, List<ResolvedPeer> peers) {
        this.upstreams = upstreams;
        this.peers = peers;
    }

    @Override
    public void configure() {
        upstreams.forEach(upstream -> callRoute(upstream, Steps.PREPARE_UPSTREAM_REQUEST));
        peers.forEach(peer -> callRoute(peer, Steps.PREPARE_PEER_REQUEST));
    }

    private void callRoute(CallTarget target, String prepareStep) {
        String routeId = target.routeId();
        templatedRoute(Endpoints.TARGET_CALL_TEMPLATE)
                .routeId(routeId)
                .prefixId(routeId + "-")
                .parameter(TargetCallTemplate.ENTRY, Endpoints.target(routeId))
                .parameter(TargetCallTemplate.PREPARE_STEP, prepareStep)
                .parameter(TargetCallTemplate.URL, target.chatCompletionsUrl())
                .parameter(TargetCallTemplate.CONNECT_TIMEOUT_MILLIS, String.valueOf(target.connectTimeout().toMillis()))
                .parameter(TargetCallTemplate.RESPONSE_TIMEOUT_MILLIS, String.valueOf(target.responseTimeout().toMillis()));
    }
}
