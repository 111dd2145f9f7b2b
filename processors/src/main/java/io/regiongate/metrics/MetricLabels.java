package io.regiongate.metrics;

import io.regiongate.call.GatewayCall;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.UpstreamConfig;
import java.util.Set;
import java.util.TreeSet;

/**
 * Label values of RegionGate's metrics. Every value comes from configuration or a closed set, never
 * from the request: a model nobody configured is {@value #OTHER}, a request without a tenant or a
 * target is {@value #NONE}. No content, key or hash is ever a label.
 */
public final class MetricLabels {

    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final String region;
    private final Set<String> configuredModels;

    public MetricLabels(GatewayConfig config) {
        this.region = config.region();
        Set<String> models = new TreeSet<>();
        for (UpstreamConfig upstream : config.upstreams()) {
            models.addAll(upstream.models());
        }
        this.configuredModels = Set.copyOf(models);
    }

    public String region() {
        return region;
    }

    public String tenant(GatewayCall call) {
        return call.tenant() == null ? NONE : call.tenant().id();
    }

    /** The requested model when some upstream of the deployment serves it; else {@value #OTHER}. */
    public String model(GatewayCall call) {
        if (call.request() == null) {
            return NONE;
        }
        return configuredModels.contains(call.request().model()) ? call.request().model() : OTHER;
    }

    /** The target called last (an upstream id or {@code peer-<region>}, from configuration). */
    public String upstream(GatewayCall call) {
        return call.target() == null ? NONE : call.target().id();
    }

    public static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : OTHER;
    }
}
