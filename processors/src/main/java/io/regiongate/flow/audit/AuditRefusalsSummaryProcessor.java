package io.regiongate.flow.audit;

import io.regiongate.audit.AuditEvent;
import io.regiongate.audit.AuditWriterState;
import io.regiongate.audit.RefusalTally;
import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The refusal-summary timer's step: takes what the {@link RefusalTally} counted since the last
 * summary and leaves it, as one {@code refusals} event, in {@link ExchangeKeys#AUDIT_RECORD} for the
 * writer; leaves nothing when no request was refused.
 */
public final class AuditRefusalsSummaryProcessor implements Processor {

    private final RefusalTally tally;
    private final AuditWriterState state;

    public AuditRefusalsSummaryProcessor(RefusalTally tally, AuditWriterState state) {
        this.tally = tally;
        this.state = state;
    }

    @Override
    public void process(Exchange exchange) {
        AuditEvent summary = tally.summary();
        if (summary != null) {
            state.refusalsSummarised(summary.refusals().total());
            exchange.setProperty(ExchangeKeys.AUDIT_RECORD, summary);
        }
    }
}
