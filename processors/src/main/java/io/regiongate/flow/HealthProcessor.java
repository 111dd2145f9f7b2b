package io.regiongate.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.quota.QuotaStoreHealth;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code /health/live} and {@code /health/ready}. Ready names the region and each upstream and
 * peer. Until circuit breakers exist every configured upstream reports {@code state: configured};
 * the runtime is ready once its routes are started, which is when this answers at all.
 */
public final class HealthProcessor implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig config;
    private final boolean readiness;
    private final QuotaStoreHealth quotaStore;

    private HealthProcessor(GatewayConfig config, boolean readiness, QuotaStoreHealth quotaStore) {
        this.config = config;
        this.readiness = readiness;
        this.quotaStore = quotaStore;
    }

    public static HealthProcessor liveness(GatewayConfig config) {
        return new HealthProcessor(config, false, null);
    }

    public static HealthProcessor readiness(GatewayConfig config) {
        return new HealthProcessor(config, true, null);
    }

    /** Readiness that also names the state of the quota counters' Hazelcast cluster. */
    public static HealthProcessor readiness(GatewayConfig config, QuotaStoreHealth quotaStore) {
        return new HealthProcessor(config, true, quotaStore);
    }

    @Override
    public void process(Exchange exchange) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", readiness ? "ready" : "up");
        body.put("region", config.region());
        if (readiness) {
            body.put("zone", config.zoneOf(config.region()).orElse(null));
            ArrayNode upstreams = body.putArray("upstreams");
            for (UpstreamConfig upstream : config.localUpstreams()) {
                ObjectNode node = upstreams.addObject();
                node.put("id", upstream.id());
                node.put("region", upstream.region());
                node.put("type", upstream.type().name().toLowerCase());
                node.set("models", JSON.valueToTree(upstream.models()));
                node.put("state", "configured");
            }
            ArrayNode peers = body.putArray("peers");
            for (PeerConfig peer : config.peers()) {
                peers.addObject().put("region", peer.region()).put("state", "configured");
            }
            if (quotaStore != null) {
                body.putObject("hazelcast")
                        .put("mode", quotaStore.mode())
                        .put("cluster", quotaStore.clusterName())
                        .put("state", quotaStore.state())
                        .put("members", quotaStore.members())
                        .put("on-unavailable", config.hazelcast().onUnavailable());
            }
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body.toString());
    }
}
