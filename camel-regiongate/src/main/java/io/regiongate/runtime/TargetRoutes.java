package io.regiongate.runtime;

import io.regiongate.dispatch.CallTarget;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.Steps;
import io.regiongate.routes.TargetCallTemplate;
import io.regiongate.tls.ClientTls;
import io.regiongate.tls.PeerClientTls;
import java.util.List;
import java.util.Optional;
import org.apache.camel.builder.RouteBuilder;

/**
 * One call route per local upstream and per peer, each made from {@link TargetCallTemplate}; a peer
 * with mutual TLS gets its own SSL context, bound in the registry for its call route.
 */
final class TargetRoutes extends RouteBuilder {

    private final List<ResolvedUpstream> upstreams;
    private final List<ResolvedPeer> peers;
    private final PeerClientTls peerTls;

    TargetRoutes(List<ResolvedUpstream> upstreams, List<ResolvedPeer> peers, PeerClientTls peerTls) {
        this.upstreams = upstreams;
        this.peers = peers;
        this.peerTls = peerTls;
    }

    /** The registry name of a peer link's {@link PeerSslContextParameters}. */
    static String tlsBeanName(String targetId) {
        return "regiongate-tls-" + targetId;
    }

    @Override
    public void configure() {
        upstreams.forEach(upstream -> callRoute(upstream, Steps.PREPARE_UPSTREAM_REQUEST));
        peers.forEach(peer -> callRoute(peer, Steps.PREPARE_PEER_REQUEST));
    }

    private void callRoute(CallTarget target, String prepareStep) {
        String routeId = target.routeId();
        var route = templatedRoute(Endpoints.TARGET_CALL_TEMPLATE)
                .routeId(routeId)
                .prefixId(routeId + "-")
                .parameter(TargetCallTemplate.ENTRY, Endpoints.target(routeId))
                .parameter(TargetCallTemplate.PREPARE_STEP, prepareStep)
                .parameter(TargetCallTemplate.URL, target.apiBaseUrl())
                .parameter(TargetCallTemplate.CONNECT_TIMEOUT_MILLIS, String.valueOf(target.connectTimeout().toMillis()))
                .parameter(TargetCallTemplate.RESPONSE_TIMEOUT_MILLIS, String.valueOf(target.responseTimeout().toMillis()));
        Optional<ClientTls> tls = peerTls.of(target.id());
        tls.ifPresent(material -> getCamelContext().getRegistry().bind(tlsBeanName(target.id()),
                new PeerSslContextParameters(material)));
        route.parameter(TargetCallTemplate.TLS_OPTIONS,
                tls.isPresent() ? "&sslContextParameters=#" + tlsBeanName(target.id()) : "");
    }
}
