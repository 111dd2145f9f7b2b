package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /admin/usage/{tenant}}: this region's quota counters of one tenant, for operators; each
 * read, allowed or not, is in the trail ({@code admin_read}).
 */
public final class AdminUsageRoute extends RouteBuilder {

    public static final String ROUTE_ID = "admin-usage";

    @Override
    public void configure() {
        from("platform-http:/admin/usage/{tenant}?httpMethodRestrict=GET")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .onCompletion().modeBeforeConsumer()
                    .process(Steps.AUDIT_ADMIN_READ).id("admin-usage-audit-read")
                    .to(Endpoints.AUDIT_HANDOFF).id("admin-usage-audit-handoff")
                .end()
                .process(Steps.BEGIN_REQUEST).id("admin-usage-begin-request")
                .process(Steps.ADMIN_USAGE).id("admin-usage-report");
    }
}
