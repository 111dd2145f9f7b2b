package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/** {@code GET /admin/usage/{tenant}}: this region's quota counters of one tenant, for operators. */
public final class AdminUsageRoute extends RouteBuilder {

    public static final String ROUTE_ID = "admin-usage";

    @Override
    public void configure() {
        from("platform-http:/admin/usage/{tenant}?httpMethodRestrict=GET")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.BEGIN_REQUEST).id("admin-usage-begin-request")
                .process(Steps.ADMIN_USAGE).id("admin-usage-report");
    }
}
