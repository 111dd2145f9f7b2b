package io.regiongate.flow.chat;

import io.regiongate.call.GatewayCall;
import io.regiongate.dispatch.DispatchPlanner;
import io.regiongate.failover.FailoverState;
import io.regiongate.flow.Calls;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Plans, from configuration and the residency decision only, the targets this request may be tried on. */
public final class PlanDispatchProcessor implements Processor {

    private final Supplier<DispatchPlanner> planner;

    public PlanDispatchProcessor(DispatchPlanner planner) {
        this(() -> planner);
    }

    /** @param planner the upstreams as configured now (a reload replaces them) */
    public PlanDispatchProcessor(Supplier<DispatchPlanner> planner) {
        this.planner = planner;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        call.planned(new FailoverState(planner.get().plan(call.tenant(), call.request().model(), call.residency()),
                call.residency()));
    }
}
