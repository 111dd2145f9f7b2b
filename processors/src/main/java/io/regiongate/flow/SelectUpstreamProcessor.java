package io.regiongate.flow;

import io.regiongate.api.ChatRequest;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.UpstreamCatalog;
import io.regiongate.dispatch.UpstreamDirectory;
import io.regiongate.dispatch.UpstreamPlanner;
import io.regiongate.residency.ResidencyGuard;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Chooses, from configuration only, the upstreams that may serve this request and their order,
 * after checking that the tenant may be served in this region at all.
 */
public final class SelectUpstreamProcessor implements Processor {

    private final UpstreamCatalog catalog;
    private final UpstreamPlanner planner;
    private final UpstreamDirectory directory;
    private final ResidencyGuard residency;

    public SelectUpstreamProcessor(UpstreamCatalog catalog, UpstreamPlanner planner, UpstreamDirectory directory,
                                   ResidencyGuard residency) {
        this.residency = residency;
        this.catalog = catalog;
        this.planner = planner;
        this.directory = directory;
    }

    @Override
    public void process(Exchange exchange) {
        TenantConfig tenant = exchange.getProperty(ExchangeKeys.TENANT, TenantConfig.class);
        ChatRequest request = exchange.getProperty(ExchangeKeys.CHAT_REQUEST, ChatRequest.class);
        residency.requireServableHere(tenant);
        List<UpstreamConfig> plan = planner.plan(catalog.candidates(tenant, request.model()));
        UpstreamConfig first = plan.get(0);
        exchange.setProperty(ExchangeKeys.UPSTREAM_PLAN, plan);
        exchange.setProperty(ExchangeKeys.UPSTREAM_ID, first.id());
        exchange.setProperty(ExchangeKeys.UPSTREAM, directory.get(first.id()));
    }
}
