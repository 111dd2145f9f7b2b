package io.regiongate.routes;

import io.regiongate.flow.Calls;
import io.regiongate.flow.audit.AuditCalls;
import org.apache.camel.builder.RouteBuilder;

/**
 * Entry of the audit flow, called once per API request as it ends, before its answer is written
 * (success and error alike). A request refused before a tenant was known is only counted for the
 * next refusal summary. Any other gets its record: an {@code async} tenant's is handed to the
 * writer without waiting (its queue, or when that is full the spool or journal directly); a
 * {@code sync} tenant's is written on the request's thread, which waits until it was acknowledged
 * by Kafka or forced to disk, and the answer becomes a 503 when neither happened. The client's
 * message is never changed otherwise.
 */
public final class AuditRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit";

    @Override
    public void configure() {
        from(Endpoints.AUDIT)
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER + 3)
                // its own failure policy (below), not the internal flows' "handle nothing"
                .onException(Exception.class).handled(true)
                    .process(Steps.AUDIT_SYNC_OUTCOME).id("audit-failed")
                .end()
                .choice()
                    .when(AuditCalls.SUMMARISED)
                        .process(Steps.AUDIT_COUNT_REFUSAL).id("audit-count-refusal")
                    .when(Calls.AUDIT_SYNC)
                        .process(Steps.AUDIT_RECORD).id("audit-record-sync")
                        .process(Steps.AUDIT_WRITE_SYNC).id("audit-write-sync")
                        .process(Steps.AUDIT_SYNC_OUTCOME).id("audit-sync-outcome")
                    .otherwise()
                        .process(Steps.AUDIT_RECORD).id("audit-record")
                        .to(Endpoints.AUDIT_HANDOFF).id("audit-deliver-async")
                .end();
    }
}
