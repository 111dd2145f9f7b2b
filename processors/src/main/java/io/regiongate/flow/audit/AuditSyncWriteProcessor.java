package io.regiongate.flow.audit;

import io.regiongate.audit.AuditEntry;
import io.regiongate.audit.AuditTrailWriter;
import io.regiongate.flow.Calls;
import io.regiongate.flow.ExchangeKeys;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A {@code sync} tenant's record, on the request's own thread: handed to the writer as durable and
 * waited for, at most {@code regiongate.audit.sync-timeout-ms}, until the endpoint acknowledged it
 * or the spool (or journal) forced it to disk. The request's record then says whether it was
 * accepted; {@code audit-sync-outcome} turns a refusal into a 503.
 */
public final class AuditSyncWriteProcessor implements Processor {

    private final AuditTrailWriter writer;
    private final Duration timeout;

    public AuditSyncWriteProcessor(AuditTrailWriter writer, Duration timeout) {
        this.writer = writer;
        this.timeout = timeout;
    }

    @Override
    public void process(Exchange exchange) {
        AuditEntry entry = exchange.getProperty(ExchangeKeys.AUDIT_RECORD, AuditEntry.class);
        try {
            writer.submit(entry, AuditEntries.covers(entry), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Calls.of(exchange).auditDelivered(true, null);
        } catch (ExecutionException e) {
            Calls.of(exchange).auditDelivered(false, e.getCause());
        } catch (TimeoutException e) {
            Calls.of(exchange).auditDelivered(false, new TimeoutException("the audit record was neither acknowledged "
                    + "nor spooled within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Calls.of(exchange).auditDelivered(false, e);
        }
    }
}
