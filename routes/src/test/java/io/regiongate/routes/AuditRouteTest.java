package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.call.GatewayCall;
import io.regiongate.config.AuditContent;
import io.regiongate.config.AuditDelivery;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.TenantAuditConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.Calls;
import io.regiongate.flow.audit.AuditDeliveryOutcome;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit flow builds the record, then hands it to the one writer: an {@code async} tenant's
 * answer does not wait for it; a {@code sync} tenant's answer waits for the writer's outcome, which
 * the sync-outcome step then judges.
 */
class AuditRouteTest {

    private final RouteHarness harness = new RouteHarness();
    private final BlockingQueue<String> written = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start(boolean writerFails) {
        harness.routes(new AuditRoute())
                .steps(Steps.AUDIT_RECORD, Steps.AUDIT_SYNC_OUTCOME)
                .bind(Steps.AUDIT_DELIVERY_OUTCOME, new AuditDeliveryOutcome())
                .endpoint(Endpoints.AUDIT_WRITER, "writer", exchange -> {
                    written.add(Calls.of(exchange).requestId());
                    if (writerFails) {
                        throw new IllegalStateException("broker down and disk full");
                    }
                })
                .start();
    }

    private static GatewayCall callOf(AuditDelivery delivery) {
        GatewayCall call = new GatewayCall("req_" + delivery, Instant.now(), null);
        call.authenticated(new TenantConfig("t", "0".repeat(64), "eu", CrossBorder.NEVER, null,
                new TenantAuditConfig(delivery, AuditContent.HASH), null), null);
        return call;
    }

    @Test
    void anAsyncRecordIsQueuedToTheWriterWithoutWaiting() throws Exception {
        start(false);

        Exchange done = harness.send(Endpoints.AUDIT, exchange -> Calls.begin(exchange, callOf(AuditDelivery.ASYNC)));

        assertThat(done.isFailed()).isFalse();
        assertThat(written.poll(10, TimeUnit.SECONDS)).isEqualTo("req_ASYNC");
        assertThat(harness.ran()).startsWith(Steps.AUDIT_RECORD).doesNotContain(Steps.AUDIT_SYNC_OUTCOME);
    }

    @Test
    void aSyncAnswerWaitsForTheWriterAndKnowsItsOutcome() {
        start(false);
        GatewayCall call = callOf(AuditDelivery.SYNC);

        harness.send(Endpoints.AUDIT, exchange -> Calls.begin(exchange, call));

        assertThat(harness.ran()).containsExactly(Steps.AUDIT_RECORD, "writer", Steps.AUDIT_SYNC_OUTCOME);
        assertThat(call.auditAccepted()).isTrue();
    }

    @Test
    void aSyncAnswerLearnsThatItsRecordWasNotAccepted() {
        start(true);
        GatewayCall call = callOf(AuditDelivery.SYNC);

        Exchange done = harness.send(Endpoints.AUDIT, exchange -> Calls.begin(exchange, call));

        assertThat(done.isFailed()).isFalse();
        assertThat(call.auditAccepted()).isFalse();
        assertThat(call.auditFailure()).hasMessageContaining("disk full");
        assertThat(harness.ran()).endsWith(Steps.AUDIT_SYNC_OUTCOME);
    }
}
