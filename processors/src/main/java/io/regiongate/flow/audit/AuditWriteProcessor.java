package io.regiongate.flow.audit;

import io.regiongate.audit.AuditEntry;
import io.regiongate.audit.AuditTrailWriter;
import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The audit writer route's step: hands the entry in {@link ExchangeKeys#AUDIT_RECORD} (a request's
 * record, or a refusal summary) to the trail's one {@link AuditTrailWriter}, which links it into the
 * chain and delivers, spools or journals it. Nobody waits for the outcome: these are {@code async}
 * tenants' records and the writer's own; a record that can be neither delivered nor written is
 * logged by the writer (and, not being accounted for, reported as lost at the next start).
 */
public final class AuditWriteProcessor implements Processor {

    private final AuditTrailWriter writer;

    public AuditWriteProcessor(AuditTrailWriter writer) {
        this.writer = writer;
    }

    @Override
    public void process(Exchange exchange) {
        AuditEntry entry = exchange.getProperty(ExchangeKeys.AUDIT_RECORD, AuditEntry.class);
        writer.submit(entry, AuditEntries.covers(entry), false);
    }
}
