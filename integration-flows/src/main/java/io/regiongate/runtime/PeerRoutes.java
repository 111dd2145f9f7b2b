package io.regiongate.runtime;

import io.regiongate.failover.ResolvedPeer;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.PeerCallTemplate;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/** One call route per peer runtime, each made from {@link PeerCallTemplate}. */
final class PeerRoutes extends RouteBuilder {

    private final List<ResolvedPeer> peers;

    PeerRoutes(List<ResolvedPeer> peers) {
        this.peers = peers;
    }

    static String routeId(String region) {
        return "peer-" + region;
    }

    @Override
    public void configure() {
        for (ResolvedPeer peer : peers) {
            templatedRoute(Endpoints.PEER_CALL_TEMPLATE)
                    .routeId(routeId(peer.config().region()))
                    .prefixId(peer.id() + "-")
                    .parameter(PeerCallTemplate.PEER_REGION, peer.config().region())
                    .parameter(PeerCallTemplate.URL, peer.chatCompletionsUrl())
                    .parameter(PeerCallTemplate.CONNECT_TIMEOUT_MILLIS,
                            String.valueOf(peer.config().connectTimeout().toMillis()))
                    .parameter(PeerCallTemplate.RESPONSE_TIMEOUT_MILLIS,
                            String.valueOf(peer.config().responseTimeout().toMillis()));
        }
    }
}
