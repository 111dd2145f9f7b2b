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

/**
 * What {@code /health/live} and {@code /health/ready} answer. Ready names the region, the
 * circuit-breaker state of each upstream and peer, and the quota cluster's state; it is 503
 * {@code not-ready} when no local upstream's breaker is closed or half-open, so that a global load
 * balancer moves traffic away. The quota cluster's state is reported, not judged:
 * {@code hazelcast.on-unavailable} decides what a request meets while it is down. Cheap and
 * non-blocking, so it can be answered on an event loop.
 */
public final class HealthReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and a JSON body. */
    public record Answer(int status, String json) {
    }

    private final GatewayConfig config;
    private final UpstreamBreakers breakers;
    private final QuotaStoreHealth quotaStore;

    /** @param quotaStore the quota cluster's health, or null when there is none to report */
    public HealthReport(GatewayConfig config, UpstreamBreakers breakers, QuotaStoreHealth quotaStore) {
        this.config = config;
        this.breakers = breakers;
        this.quotaStore = quotaStore;
    }

    public Answer live() {
        return new Answer(200, JSON.createObjectNode().put("status", "up").put("region", config.region()).toString());
    }

    public Answer ready() {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "ready");
        body.put("region", config.region());
        body.put("zone", config.zoneOf(config.region()).orElse(null));
        boolean upstreamReady = describeUpstreams(body.putArray("upstreams"));
        describePeers(body.putArray("peers"));
        describeQuotaStore(body);
        if (!upstreamReady) {
            body.put("status", "not-ready");
            body.put("reason", "no upstream in " + config.region() + " has a closed or half-open circuit breaker");
            return new Answer(503, body.toString());
        }
        return new Answer(200, body.toString());
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
