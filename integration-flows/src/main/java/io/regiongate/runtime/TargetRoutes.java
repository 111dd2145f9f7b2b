package io.regiongate.runtime;

import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.ResolvedPeer;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.Steps;
import io.regiongate.routes.TargetCallTemplate;
import java.time.Duration;
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
        for (ResolvedUpstream upstream : upstreams) {
            callRoute("upstream-" + upstream.id(), Endpoints.upstream(upstream.id()), Steps.PREPARE_UPSTREAM_REQUEST,
                    upstream.chatCompletionsUrl(), upstream.config().connectTimeout(),
                    upstream.config().responseTimeout());
        }
        for (ResolvedPeer peer : peers) {
            callRoute(peer.id(), Endpoints.peer(peer.config().region()), Steps.PREPARE_PEER_REQUEST,
                    peer.chatCompletionsUrl(), peer.config().connectTimeout(), peer.config().responseTimeout());
        }
    }

    private void callRoute(String routeId, String entry, String prepareStep, String url, Duration connectTimeout,
                           Duration responseTimeout) {
        templatedRoute(Endpoints.TARGET_CALL_TEMPLATE)
                .routeId(routeId)
                .prefixId(routeId + "-")
                .parameter(TargetCallTemplate.ENTRY, entry)
                .parameter(TargetCallTemplate.PREPARE_STEP, prepareStep)
                .parameter(TargetCallTemplate.URL, url)
                .parameter(TargetCallTemplate.CONNECT_TIMEOUT_MILLIS, String.valueOf(connectTimeout.toMillis()))
                .parameter(TargetCallTemplate.RESPONSE_TIMEOUT_MILLIS, String.valueOf(responseTimeout.toMillis()));
    }
}
