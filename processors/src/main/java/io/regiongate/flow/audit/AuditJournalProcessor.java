package io.regiongate.flow.audit;

import io.regiongate.audit.AuditJournal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes the record in the body to the region-local journal, the audit destination when no Kafka
 * endpoint is configured. Returns only once the record is on disk.
 */
public final class AuditJournalProcessor implements Processor {

    private final AuditJournal journal;

    public AuditJournalProcessor(AuditJournal journal) {
        this.journal = journal;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        journal.append(exchange.getMessage().getMandatoryBody(String.class));
    }
}
