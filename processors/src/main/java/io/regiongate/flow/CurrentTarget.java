package io.regiongate.flow;

import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.ResolvedPeer;
import org.apache.camel.Exchange;

/** The upstream or peer an exchange is calling right now, by id. */
final class CurrentTarget {

    private CurrentTarget() {
    }

    static String id(Exchange exchange) {
        ResolvedUpstream upstream = exchange.getProperty(ExchangeKeys.UPSTREAM, ResolvedUpstream.class);
        if (upstream != null) {
            return upstream.id();
        }
        ResolvedPeer peer = exchange.getProperty(ExchangeKeys.PEER, ResolvedPeer.class);
        return peer == null ? "(none)" : peer.id();
    }

    static boolean isPeer(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.PEER) != null;
    }
}
