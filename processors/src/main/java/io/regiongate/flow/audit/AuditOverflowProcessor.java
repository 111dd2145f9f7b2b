package io.regiongate.flow.audit;

import io.regiongate.audit.AuditEntry;
import io.regiongate.audit.AuditTrailWriter;
import io.regiongate.flow.ExchangeKeys;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the writer's queue is full, the hand-off does not wait for room: the request's own thread
 * writes the record straight to the spool (with Kafka) or the journal, where the writer's chain
 * takes it in turn. A request thread is thus held for one append at most, never for the queue.
 */
public final class AuditOverflowProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AuditOverflowProcessor.class);
    private static final long REPORT_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final AuditTrailWriter writer;
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

    public AuditOverflowProcessor(AuditTrailWriter writer) {
        this.writer = writer;
    }

    @Override
    public void process(Exchange exchange) {
        AuditEntry entry = exchange.getProperty(ExchangeKeys.AUDIT_RECORD, AuditEntry.class);
        long count = overflowed.incrementAndGet();
        long last = lastReport.get();
        long now = System.nanoTime();
        if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            LOG.warn("audit writer's queue is full: records go straight to disk instead of waiting ({} so far)", count);
        }
        writer.submitToDisk(entry, AuditEntries.covers(entry), false);
    }
}
