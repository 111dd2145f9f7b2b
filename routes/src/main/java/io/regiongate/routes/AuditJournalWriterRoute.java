package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The audit writer when no Kafka endpoint is configured (the embedded default): one thread links
 * each record into the chain and appends it to the region-local journal, forced to disk.
 */
public final class AuditJournalWriterRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-writer";

    @Override
    public void configure() {
        from(Endpoints.AUDIT_WRITER)
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .process(Steps.AUDIT_CHAIN).id("audit-chain")
                .process(Steps.AUDIT_JOURNAL).id("audit-journal");
    }
}
