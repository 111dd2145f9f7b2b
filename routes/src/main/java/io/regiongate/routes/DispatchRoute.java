package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Sends the exchange to the call route of the upstream chosen for it. The id comes from the
 * upstream selection (configuration), never from the request.
 */
public final class DispatchRoute extends RouteBuilder {

    public static final String ROUTE_ID = "dispatch";

    @Override
    public void configure() {
        from(Endpoints.DISPATCH)
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .toD(Endpoints.UPSTREAM_PREFIX + "${exchangeProperty.regiongateUpstreamId}").id("call-selected-upstream");
    }
}
