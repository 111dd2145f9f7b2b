package io.regiongate.routes;

import io.regiongate.flow.Calls;
import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.builder.RouteBuilder;

/**
 * The failover loop: take the next target the plan, residency, cooldowns and breakers allow, call
 * its call route (an upstream of this region, or a peer runtime), and record the outcome. A failure
 * before the first byte reached the client moves on to the next target; anything else ends the
 * loop. The call route's name comes from configuration (the plan's target), never from the request.
 */
public final class DispatchRoute extends RouteBuilder {

    public static final String ROUTE_ID = "dispatch";

    @Override
    public void configure() {
        from(Endpoints.DISPATCH)
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .loopDoWhile(Calls.DISPATCH_PENDING).id("failover-loop")
                    .process(Steps.NEXT_TARGET).id("next-target")
                    .doTry()
                        .toD(Endpoints.TARGET_PREFIX + "${exchangeProperty." + ExchangeKeys.TARGET_ROUTE + "}")
                            .id("call-target")
                        .process(Steps.RECORD_SUCCESS).id("record-success")
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(Steps.RECORD_FAILURE).id("record-failure")
                    .end()
                .end();
    }
}
