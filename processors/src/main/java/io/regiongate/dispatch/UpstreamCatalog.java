package io.regiongate.dispatch;

import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import java.util.List;
import java.util.TreeSet;

/** Which of this region's upstreams a tenant may use, and for which models. */
public final class UpstreamCatalog {

    private final List<UpstreamConfig> localUpstreams;

    public UpstreamCatalog(GatewayConfig config) {
        this.localUpstreams = config.localUpstreams();
    }

    /** The models this tenant can call in this region, sorted by name. */
    public List<String> modelsFor(TenantConfig tenant) {
        TreeSet<String> models = new TreeSet<>();
        localUpstreams.stream().filter(tenant::mayUse).forEach(upstream -> models.addAll(upstream.models()));
        return List.copyOf(models);
    }
}
