package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Forces what the audit writer wrote (spool or journal) to disk, at least
 * every {@code regiongate.audit.force-interval-ms}: {@code async} records survive a kill of the
 * process the moment they are written, and a crash of the machine once forced.
 */
public final class AuditFlushRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-flush";

    @Override
    public void configure() {
        from("timer:regiongate-audit-flush?period={{regiongate.audit.force-interval-ms}}")
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER + 5)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .process(Steps.AUDIT_FLUSH).id("audit-flush-to-disk");
    }
}
