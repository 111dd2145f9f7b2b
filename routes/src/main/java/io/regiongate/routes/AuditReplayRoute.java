package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Delivers spooled audit records when the broker is back, and after a restart: a timer asks the
 * trail writer to replay ({@value Steps#AUDIT_REPLAY}); while anything is spooled the replay sends
 * the oldest records pipelined, batch after batch, until the spool is empty or a delivery fails.
 * Property: {@code regiongate.audit.replay-period-ms}.
 */
public final class AuditReplayRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-replay";

    @Override
    public void configure() {
        from("timer:regiongate-audit-replay?period={{regiongate.audit.replay-period-ms}}")
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER + 4)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .process(Steps.AUDIT_REPLAY).id("audit-replay-spool");
    }
}
