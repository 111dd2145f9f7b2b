package io.regiongate.dispatch;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
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

    /** @throws GatewayException 404 when no upstream here serves the model to this tenant */
    public List<UpstreamConfig> candidates(TenantConfig tenant, String model) {
        List<UpstreamConfig> candidates = localUpstreams.stream()
                .filter(tenant::mayUse)
                .filter(upstream -> upstream.serves(model))
                .toList();
        if (candidates.isEmpty()) {
            throw new GatewayException(OpenAiError.modelNotFound(model));
        }
        return candidates;
    }
}
