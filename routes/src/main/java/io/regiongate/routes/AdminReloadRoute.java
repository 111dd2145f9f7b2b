package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /admin/reload}: reads the configuration again and applies what may change without a
 * restart; each call, applied, refused or not allowed, is in the trail ({@code admin_read} with the
 * path and the status).
 */
public final class AdminReloadRoute extends RouteBuilder {

    public static final String ROUTE_ID = "admin-reload";

    @Override
    public void configure() {
        from("platform-http:/admin/reload?httpMethodRestrict=POST")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .onCompletion().modeBeforeConsumer()
                    .process(Steps.AUDIT_ADMIN_READ).id("admin-reload-audit-read")
                    .to(Endpoints.AUDIT_HANDOFF).id("admin-reload-audit-handoff")
                .end()
                .process(Steps.BEGIN_REQUEST).id("admin-reload-begin-request")
                .process(Steps.ADMIN_RELOAD).id("admin-reload-apply");
    }
}
