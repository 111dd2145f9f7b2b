package io.regiongate.flow.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.quota.QuotaStoreHealth;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code /health/live} and {@code /health/ready}. Ready names the region, the circuit-breaker state
 * of each upstream and peer, and the quota cluster's state. It answers 503 {@code not-ready} when no
 * local upstream's breaker is closed or half-open, so that a global load balancer moves traffic
 * away. The quota cluster's state is reported, not judged: {@code hazelcast.on-unavailable} decides
 * what a request meets while it is down.
 */
public final class HealthProcessor implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig config;
    private final UpstreamBreakers breakers;
    private final QuotaStoreHealth quotaStore;
    private final boolean readiness;

    private HealthProcessor(GatewayConfig config, UpstreamBreakers breakers, QuotaStoreHealth quotaStore,
                            boolean readiness) {
        this.config = config;
        this.breakers = breakers;
        this.quotaStore = quotaStore;
        this.readiness = readiness;
    }

    public static HealthProcessor liveness(GatewayConfig config) {
        return new HealthProcessor(config, null, null, false);
    }

    /** @param quotaStore the quota cluster's health, or null when there is none to report */
    public static HealthProcessor readiness(GatewayConfig config, UpstreamBreakers breakers,
                                            QuotaStoreHealth quotaStore) {
        return new HealthProcessor(config, breakers, quotaStore, true);
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode body = JSON.createObjectNode();
        int status = 200;
        if (readiness) {
            body.put("status", "ready");
            body.put("region", config.region());
            body.put("zone", config.zoneOf(config.region()).orElse(null));
            boolean upstreamReady = describeUpstreams(body.putArray("upstreams"));
            describePeers(body.putArray("peers"));
            describeQuotaStore(body);
            if (!upstreamReady) {
                body.put("status", "not-ready");
                body.put("reason", "no upstream in " + config.region() + " has a closed or half-open circuit breaker");
                status = 503;
            }
        } else {
            body.put("status", "up");
            body.put("region", config.region());
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body.toString());
    }

    private boolean describeUpstreams(ArrayNode upstreams) {
        boolean ready = false;
        for (UpstreamConfig upstream : config.localUpstreams()) {
            CircuitBreaker.State state = breakers.of(upstream.id()).getState();
            ready |= state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN;
            ObjectNode node = upstreams.addObject();
            node.put("id", upstream.id());
            node.put("region", upstream.region());
            node.put("type", upstream.type().name().toLowerCase(Locale.ROOT));
            node.set("models", JSON.valueToTree(upstream.models()));
            node.put("breaker", name(state));
        }
        return ready;
    }

    private void describePeers(ArrayNode peers) {
        for (PeerConfig peer : config.peers()) {
            peers.addObject().put("region", peer.region()).put("url", peer.url())
                    .put("breaker", name(breakers.of(DispatchTarget.peerId(peer.region())).getState()));
        }
    }

    private void describeQuotaStore(ObjectNode body) {
        if (quotaStore == null) {
            return;
        }
        body.putObject("hazelcast")
                .put("mode", quotaStore.mode())
                .put("cluster", quotaStore.clusterName())
                .put("state", quotaStore.state())
                .put("members", quotaStore.members())
                .put("on-unavailable", config.hazelcast().onUnavailable());
    }

    private static String name(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
