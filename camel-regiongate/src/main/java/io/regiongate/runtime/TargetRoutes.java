package io.regiongate.runtime;

import io.regiongate.dispatch.CallTarget;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.Steps;
import io.regiongate.routes.TargetCallTemplate;
import io.regiongate.tls.ClientTls;
import io.regiongate.tls.PeerClientTls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;

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
        Optional<ClientTls> tls = peerTls.of(target.id());
        tls.ifPresent(material -> getCamelContext().getRegistry().bind(tlsBeanName(target.id()),
                new PeerSslContextParameters(material)));
        var route = templatedRoute(Endpoints.TARGET_CALL_TEMPLATE)
                .routeId(target.routeId())
                .prefixId(target.routeId() + "-");
        parameters(target, prepareStep, tls.isPresent()).forEach(route::parameter);
    }

    /**
     * Adds the call route of an upstream a reload added or changed to the running {@code context};
     * it starts at once.
     */
    static void addUpstreamRoute(CamelContext context, ResolvedUpstream upstream) throws Exception {
        TemplatedRouteBuilder.builder(context, Endpoints.TARGET_CALL_TEMPLATE)
                .routeId(upstream.routeId())
                .prefixId(upstream.routeId() + "-")
                .parameters(new LinkedHashMap<>(parameters(upstream, Steps.PREPARE_UPSTREAM_REQUEST, false)))
                .add();
    }

    private static Map<String, String> parameters(CallTarget target, String prepareStep, boolean mutualTls) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(TargetCallTemplate.ENTRY, Endpoints.target(target.routeId()));
        parameters.put(TargetCallTemplate.PREPARE_STEP, prepareStep);
        parameters.put(TargetCallTemplate.URL, target.apiBaseUrl());
        parameters.put(TargetCallTemplate.CONNECT_TIMEOUT_MILLIS, String.valueOf(target.connectTimeout().toMillis()));
        parameters.put(TargetCallTemplate.RESPONSE_TIMEOUT_MILLIS,
                String.valueOf(target.responseTimeout().toMillis()));
        parameters.put(TargetCallTemplate.TLS_OPTIONS,
                mutualTls ? "&sslContextParameters=#" + tlsBeanName(target.id()) : "");
        return parameters;
    }
}
