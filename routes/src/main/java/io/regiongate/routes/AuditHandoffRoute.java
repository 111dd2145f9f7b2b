package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Hands an audit entry to the writer without ever holding the caller: onto the writer's queue
 * when it has room, else (the queue is full: the writer is behind) straight to the spool or the
 * journal on the caller's thread. Used for {@code async} tenants' records and refusal summaries.
 */
public final class AuditHandoffRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-handoff";

    @Override
    public void configure() {
        from(Endpoints.AUDIT_HANDOFF)
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER + 2)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .doTry()
                    .to(Endpoints.AUDIT_WRITER_ASYNC).id("audit-enqueue")
                .doCatch(IllegalStateException.class)
                    // seda's "Queue full"
                    .process(Steps.AUDIT_OVERFLOW).id("audit-overflow")
                .end();
    }
}
