package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The audit writer's queue and its one consumer thread: each entry is handed to the trail writer
 * bound as {@value Steps#AUDIT_WRITE}, which links it into the chain and publishes it to this
 * region's Kafka topic (spooling it while the broker does not take records) or appends it to the
 * region-local journal. Stopped after the API routes and before {@code audit-publish}, so that a
 * clean shutdown writes every queued record.
 */
public final class AuditWriterRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-writer";

    @Override
    public void configure() {
        from(Endpoints.AUDIT_WRITER)
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER + 1)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .process(Steps.AUDIT_WRITE).id("audit-write");
    }
}
