package io.regiongate.routes;

import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.builder.RouteBuilder;

/**
 * Delivers spooled audit records when the broker is back, and after a restart. A timer asks the
 * writer (through its queue, so that replay and new records never overlap) to replay while
 * anything is spooled; the replay publishes the oldest records one by one, moving the spool's
 * cursor past each acknowledged one, and stops at the first failure.
 * Property: {@code regiongate.audit.replay-period-ms}.
 */
public final class AuditReplayRoute extends RouteBuilder {

    public static final String TIMER_ROUTE_ID = "audit-replay-timer";
    public static final String ROUTE_ID = "audit-replay";

    @Override
    public void configure() {
        from("timer:regiongate-audit-replay?period={{regiongate.audit.replay-period-ms}}")
                .routeId(TIMER_ROUTE_ID)
                .filter().method(Steps.AUDIT_SPOOL_STATE, "claimReplay")
                    .setProperty(ExchangeKeys.AUDIT_REPLAY, constant(true))
                    .to(Endpoints.AUDIT_WRITER_ASYNC).id("audit-request-replay")
                .end();

        from(Endpoints.AUDIT_REPLAY)
                .routeId(ROUTE_ID)
                // its own failure policy (below), not the internal flows' "handle nothing"
                .onException(Exception.class).handled(true)
                    .process(Steps.AUDIT_REPLAY_FAILED).id("audit-replay-failed")
                .end()
                .bean(Steps.AUDIT_SPOOL_STATE, "nextBatch({{regiongate.audit.replay-batch-size}}, "
                        + "{{regiongate.audit.replay-retry-ms}})").id("audit-replay-batch")
                .split(body()).stopOnException()
                    .process(Steps.AUDIT_REPLAY_PREPARE).id("audit-replay-prepare")
                    .to(Endpoints.AUDIT_PUBLISH).id("audit-replay-publish")
                    .process(Steps.AUDIT_REPLAY_DELIVERED).id("audit-replay-delivered")
                .end();
    }
}
