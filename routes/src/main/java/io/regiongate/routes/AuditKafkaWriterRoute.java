package io.regiongate.routes;

import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.builder.RouteBuilder;

/**
 * The audit writer with this region's Kafka endpoint: one thread links each record into the
 * chain and publishes it. A record the broker does not acknowledge goes to the on-disk spool, and
 * so does every record after it while anything is spooled, so that the topic receives records in
 * chain order; replay requests (from {@link AuditReplayRoute}'s timer) come through the same queue
 * and thread.
 */
public final class AuditKafkaWriterRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-writer";

    @Override
    public void configure() {
        from(Endpoints.AUDIT_WRITER)
                .routeId(ROUTE_ID)
                // its own failure policy (below), not the internal flows' "handle nothing"
                .onException(Exception.class).handled(true)
                    .process(Steps.AUDIT_SPOOL).id("audit-spool-on-failure")
                .end()
                .choice()
                    .when(exchangeProperty(ExchangeKeys.AUDIT_REPLAY).isEqualTo(true))
                        .to(Endpoints.AUDIT_REPLAY).id("audit-replay-spooled")
                    .when().method(Steps.AUDIT_SPOOL_STATE, "pending")
                        .process(Steps.AUDIT_CHAIN).id("audit-chain-while-spooling")
                        .process(Steps.AUDIT_SPOOL).id("audit-spool-behind-pending")
                    .otherwise()
                        .process(Steps.AUDIT_CHAIN).id("audit-chain")
                        .to(Endpoints.AUDIT_PUBLISH).id("audit-publish-record")
                .end();
    }
}
