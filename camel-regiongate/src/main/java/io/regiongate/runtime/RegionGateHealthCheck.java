package io.regiongate.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.flow.ops.HealthReport;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The region's readiness in the host's Camel health-check registry (group {@code regiongate}, id
 * {@code regiongate-<region>}): the same decision as {@code /health/ready} on the admin listener,
 * from the same {@link HealthReport}, so that the host's own health endpoint reports it. Down with
 * the reasons when no upstream of the region (nor a peer of its zone) can serve, when a fail-closed
 * quota cluster is unreachable, or when the audit trail cannot take records; its details name
 * each upstream's and each peer's breaker and probe, the quota cluster's state and the audit
 * trail's backlog. Liveness is not its business: a region that cannot serve is alive.
 */
final class RegionGateHealthCheck extends AbstractHealthCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HealthReport health;

    RegionGateHealthCheck(String region, HealthReport health) {
        super("regiongate", "regiongate-" + region);
        this.health = health;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HealthReport.Answer ready = health.ready();
        try {
            JsonNode body = JSON.readTree(ready.json());
            details(builder, "", body);
            if (ready.status() != 200) {
                builder.message(body.path("reason").asText("not ready"));
            }
        } catch (IOException e) {
            builder.detail("report", ready.json());
        }
        if (ready.status() == 200) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /** The report's fields as flat details: {@code upstreams.<id>.breaker}, {@code hazelcast.state}, ... */
    private static void details(HealthCheckResultBuilder builder, String prefix, JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                detail(builder, prefix + field.getKey(), field.getValue());
            }
        }
    }

    private static void detail(HealthCheckResultBuilder builder, String name, JsonNode value) {
        if (value.isObject()) {
            details(builder, name + ".", value);
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                String key = element.has("id") ? element.get("id").asText()
                        : element.has("region") ? element.get("region").asText() : null;
                if (key != null && element.isObject()) {
                    details(builder, name + "." + key + ".", element);
                }
            }
        } else {
            builder.detail(name, value.asText());
        }
    }
}
