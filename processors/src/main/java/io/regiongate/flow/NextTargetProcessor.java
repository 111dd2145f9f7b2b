package io.regiongate.flow;

import io.regiongate.api.GatewayException;
import io.regiongate.dispatch.UpstreamDirectory;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.DispatchTarget;
import io.regiongate.failover.FailoverState;
import io.regiongate.failover.ResolvedPeer;
import io.regiongate.failover.UpstreamBreakers;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Picks the next target the request may go to (residency re-checked, cooldown and breaker
 * respected) and points the failover loop at its call route; when none is left, ends the request
 * with the last failure or 503 {@code region_unavailable}.
 */
public final class NextTargetProcessor implements Processor {

    public static final String KIND_UPSTREAM = "upstream";
    public static final String KIND_PEER = "peer";

    private final String region;
    private final UpstreamBreakers breakers;
    private final Cooldowns cooldowns;
    private final UpstreamDirectory upstreams;
    private final Map<String, ResolvedPeer> peers;

    public NextTargetProcessor(String region, UpstreamBreakers breakers, Cooldowns cooldowns,
                               UpstreamDirectory upstreams, Map<String, ResolvedPeer> peers) {
        this.region = region;
        this.breakers = breakers;
        this.cooldowns = cooldowns;
        this.upstreams = upstreams;
        this.peers = Map.copyOf(peers);
    }

    @Override
    public void process(Exchange exchange) {
        FailoverState state = exchange.getProperty(ExchangeKeys.FAILOVER, FailoverState.class);
        Optional<DispatchTarget> next = state.next(breakers, cooldowns);
        if (next.isEmpty()) {
            // the last target tried stays on the exchange: the error answer names it
            exchange.setProperty(ExchangeKeys.DISPATCH_PENDING, false);
            throw new GatewayException(state.exhausted(region));
        }
        exchange.removeProperty(ExchangeKeys.UPSTREAM);
        exchange.removeProperty(ExchangeKeys.PEER);
        DispatchTarget target = next.get();
        if (target.isPeer()) {
            exchange.setProperty(ExchangeKeys.TARGET_KIND, KIND_PEER);
            exchange.setProperty(ExchangeKeys.TARGET_KEY, target.region());
            exchange.setProperty(ExchangeKeys.PEER, peers.get(target.id()));
        } else {
            exchange.setProperty(ExchangeKeys.TARGET_KIND, KIND_UPSTREAM);
            exchange.setProperty(ExchangeKeys.TARGET_KEY, target.id());
            exchange.setProperty(ExchangeKeys.UPSTREAM, upstreams.get(target.id()));
        }
    }
}
