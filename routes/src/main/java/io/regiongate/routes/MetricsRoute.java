package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /metrics}: every metric in Prometheus' text format, for the admin credential; each read,
 * allowed or not, is in the trail ({@code admin_read}).
 */
public final class MetricsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "metrics";

    @Override
    public void configure() {
        from("platform-http:/metrics?httpMethodRestrict=GET")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .onCompletion().modeBeforeConsumer()
                    .process(Steps.AUDIT_ADMIN_READ).id("metrics-audit-read")
                    .to(Endpoints.AUDIT_HANDOFF).id("metrics-audit-handoff")
                .end()
                .process(Steps.METRICS).id("metrics-scrape");
    }
}
