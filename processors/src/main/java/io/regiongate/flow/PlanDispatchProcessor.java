package io.regiongate.flow;

import io.regiongate.api.ChatRequest;
import io.regiongate.config.TenantConfig;
import io.regiongate.failover.DispatchPlanner;
import io.regiongate.failover.FailoverState;
import io.regiongate.residency.ResidencyDecision;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Plans, from configuration and the residency decision only, the targets this request may be tried on. */
public final class PlanDispatchProcessor implements Processor {

    private final DispatchPlanner planner;

    public PlanDispatchProcessor(DispatchPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void process(Exchange exchange) {
        TenantConfig tenant = exchange.getProperty(ExchangeKeys.TENANT, TenantConfig.class);
        ChatRequest request = exchange.getProperty(ExchangeKeys.CHAT_REQUEST, ChatRequest.class);
        ResidencyDecision residency = exchange.getProperty(ExchangeKeys.RESIDENCY, ResidencyDecision.class);
        exchange.setProperty(ExchangeKeys.FAILOVER,
                new FailoverState(planner.plan(tenant, request.model(), residency), residency));
        exchange.setProperty(ExchangeKeys.DISPATCH_PENDING, true);
    }
}
