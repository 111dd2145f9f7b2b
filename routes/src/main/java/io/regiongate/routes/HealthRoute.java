package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/** {@code GET /health/live} and {@code GET /health/ready}, for load balancers and orchestrators. */
public final class HealthRoute extends RouteBuilder {

    public static final String LIVE_ROUTE_ID = "health-live";
    public static final String READY_ROUTE_ID = "health-ready";

    @Override
    public void configure() {
        from("platform-http:/health/live?httpMethodRestrict=GET")
                .routeId(LIVE_ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.HEALTH_LIVE).id("health-live-report");
        from("platform-http:/health/ready?httpMethodRestrict=GET")
                .routeId(READY_ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.HEALTH_READY).id("health-ready-report");
    }
}
