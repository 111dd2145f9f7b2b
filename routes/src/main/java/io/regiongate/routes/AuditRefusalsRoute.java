package io.regiongate.routes;

import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.builder.RouteBuilder;

/**
 * Once per {@code regiongate.audit.refusals.interval-ms}: the requests refused before a tenant was
 * known in that interval (counted by {@code audit-count-refusal}) become one {@code refusals}
 * record, per reason, handed to the writer like any record. An interval without refusals leaves
 * no record.
 */
public final class AuditRefusalsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "audit-refusals";

    @Override
    public void configure() {
        from("timer:regiongate-audit-refusals?period={{regiongate.audit.refusals.interval-ms}}"
                + "&delay={{regiongate.audit.refusals.interval-ms}}")
                .routeId(ROUTE_ID)
                .startupOrder(Endpoints.AUDIT_STARTUP_ORDER + 6)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .process(Steps.AUDIT_REFUSALS_SUMMARY).id("audit-refusals-summary")
                .filter(exchangeProperty(ExchangeKeys.AUDIT_RECORD).isNotNull())
                    .to(Endpoints.AUDIT_HANDOFF).id("audit-refusals-handoff")
                .end();
    }
}
