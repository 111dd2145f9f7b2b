package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/** {@code GET /metrics}: every metric in Prometheus' text format, for the admin credential. */
public final class MetricsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "metrics";

    @Override
    public void configure() {
        from("platform-http:/metrics?httpMethodRestrict=GET")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.METRICS).id("metrics-scrape");
    }
}
