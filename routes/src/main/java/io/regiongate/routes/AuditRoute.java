package io.regiongate.routes;

import io.regiongate.flow.Calls;
import org.apache.camel.builder.RouteBuilder;

/**
 * Entry of the audit flow, called once per API request as it ends, before its answer is written
 * (success and error alike). Builds the request's record, then hands it to the audit writer: an
 * {@code async} tenant's answer does not wait; a {@code sync} tenant's answer waits until the
 * record was acknowledged by Kafka or forced to the spool, and becomes a 503 when neither
 * happened. The client's message is never changed otherwise.
 */
public final class AuditRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit";

    @Override
    public void configure() {
        from(Endpoints.AUDIT)
                .routeId(ROUTE_ID)
                // its own failure policy (below), not the internal flows' "handle nothing"
                .onException(Exception.class).handled(true)
                    .process(Steps.AUDIT_SYNC_OUTCOME).id("audit-failed")
                .end()
                .process(Steps.AUDIT_RECORD).id("audit-record")
                .choice()
                    .when(Calls.AUDIT_SYNC)
                        .enrich().constant(Endpoints.AUDIT_WRITER_SYNC)
                            .aggregationStrategy(Steps.AUDIT_DELIVERY_OUTCOME).aggregateOnException(true)
                            .id("audit-deliver-sync")
                        .process(Steps.AUDIT_SYNC_OUTCOME).id("audit-sync-outcome")
                    .endChoice()
                    .otherwise()
                        .to(Endpoints.AUDIT_WRITER_ASYNC).id("audit-deliver-async")
                .end();
    }
}
