package io.regiongate.routes;

import io.regiongate.flow.ExchangeKeys;
import io.regiongate.flow.NextTargetProcessor;
import org.apache.camel.builder.RouteBuilder;

/**
 * The failover loop: take the next target the plan, residency, cooldowns and breakers allow, call
 * its route (an upstream of this region, or a peer runtime), and record the outcome. A failure
 * before the first byte reached the client moves on to the next target; anything else ends the
 * loop. Target ids come from configuration, never from the request.
 */
public final class DispatchRoute extends RouteBuilder {

    public static final String ROUTE_ID = "dispatch";

    @Override
    public void configure() {
        from(Endpoints.DISPATCH)
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .loopDoWhile(exchangeProperty(ExchangeKeys.DISPATCH_PENDING).isEqualTo(true)).id("failover-loop")
                    .process(Steps.NEXT_TARGET).id("next-target")
                    .doTry()
                        .choice().id("target-kind")
                            .when(exchangeProperty(ExchangeKeys.TARGET_KIND).isEqualTo(NextTargetProcessor.KIND_PEER))
                                .toD(Endpoints.PEER_PREFIX + "${exchangeProperty." + ExchangeKeys.TARGET_KEY + "}")
                                .id("call-peer")
                            .otherwise()
                                .toD(Endpoints.UPSTREAM_PREFIX + "${exchangeProperty." + ExchangeKeys.TARGET_KEY + "}")
                                .id("call-upstream")
                        .end()
                        .process(Steps.RECORD_SUCCESS).id("record-success")
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(Steps.RECORD_FAILURE).id("record-failure")
                    .end()
                .end();
    }
}
