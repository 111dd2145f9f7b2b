package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.AuditContent;
import io.regiongate.config.AuditDelivery;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.TenantAuditConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.Calls;
import io.regiongate.flow.ExchangeKeys;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit flow: a request refused before a tenant was known is only counted for the refusal
 * summary; an {@code async} tenant's record is queued to the one writer without waiting, and goes
 * straight to disk when the queue is full; a {@code sync} tenant's record is written on the
 * request's thread, whose outcome the sync-outcome step then judges.
 */
class AuditRouteTest {

    private final RouteHarness harness = new RouteHarness();
    private final BlockingQueue<String> written = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        harness.close();
    }

    private RouteHarness audit() {
        return harness.routes(new ApiErrorPolicy(), new AuditRoute(), new AuditHandoffRoute())
                .step(Steps.AUDIT_RECORD, exchange -> exchange.setProperty(ExchangeKeys.AUDIT_RECORD, "record"))
                .steps(Steps.AUDIT_COUNT_REFUSAL, Steps.AUDIT_WRITE_SYNC, Steps.AUDIT_SYNC_OUTCOME, Steps.AUDIT_OVERFLOW);
    }

    private static GatewayCall callOf(AuditDelivery delivery) {
        GatewayCall call = new GatewayCall("req_" + delivery, Instant.now(), null);
        call.authenticated(new TenantConfig("t", "0".repeat(64), "eu", CrossBorder.NEVER, null,
                new TenantAuditConfig(delivery, AuditContent.HASH), null), "default", null);
        return call;
    }

    @Test
    void anAsyncRecordIsQueuedToTheWriterWithoutWaiting() throws Exception {
        audit().routes(new AuditWriterRoute())
                .step(Steps.AUDIT_WRITE, exchange -> written.add(Calls.of(exchange).requestId()))
                .start();

        Exchange done = harness.send(Endpoints.AUDIT, exchange -> Calls.begin(exchange, callOf(AuditDelivery.ASYNC)));

        assertThat(done.isFailed()).isFalse();
        assertThat(written.poll(10, TimeUnit.SECONDS)).isEqualTo("req_ASYNC");
        assertThat(harness.ran()).startsWith(Steps.AUDIT_RECORD).doesNotContain(Steps.AUDIT_WRITE_SYNC,
                Steps.AUDIT_SYNC_OUTCOME, Steps.AUDIT_OVERFLOW, Steps.AUDIT_COUNT_REFUSAL);
    }

    @Test
    void anAsyncRecordWhoseQueueIsFullGoesStraightToDiskInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        harness.property("regiongate.audit.queue-size", "1");
        audit().routes(new AuditWriterRoute())
                .step(Steps.AUDIT_WRITE, exchange -> release.await(10, TimeUnit.SECONDS))
                .start();
        try {
            // the writer holds one record, the queue another; the third finds the queue full
            for (int i = 0; i < 3; i++) {
                Exchange done = harness.send(Endpoints.AUDIT,
                        exchange -> Calls.begin(exchange, callOf(AuditDelivery.ASYNC)));
                assertThat(done.isFailed()).isFalse();
            }
            assertThat(harness.ran()).contains(Steps.AUDIT_OVERFLOW);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSyncRecordIsWrittenOnTheRequestsThreadAndJudged() {
        audit().start();

        harness.send(Endpoints.AUDIT, exchange -> Calls.begin(exchange, callOf(AuditDelivery.SYNC)));

        assertThat(harness.ran()).containsExactly(Steps.AUDIT_RECORD, Steps.AUDIT_WRITE_SYNC, Steps.AUDIT_SYNC_OUTCOME);
    }

    @Test
    void aRequestRefusedBeforeATenantWasKnownIsOnlyCountedForTheSummary() {
        audit().start();
        GatewayCall refused = new GatewayCall("req_bad_key", Instant.now(), null);
        refused.failed(OpenAiError.invalidApiKey());

        Exchange done = harness.send(Endpoints.AUDIT, exchange -> Calls.begin(exchange, refused));

        assertThat(done.isFailed()).isFalse();
        assertThat(harness.ran()).containsExactly(Steps.AUDIT_COUNT_REFUSAL);
    }
}
