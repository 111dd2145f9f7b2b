package io.regiongate.flow.audit;

import io.regiongate.audit.AuditWriterState;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Early in every API request: one more request owes the trail its record (or a place in a refusal
 * summary). Counted in the audit directory's {@link AuditWriterState}, which survives a kill of
 * the process, so that a crash can never lose a request without the next start saying so.
 */
public final class AuditBeginProcessor implements Processor {

    private final AuditWriterState state;

    public AuditBeginProcessor(AuditWriterState state) {
        this.state = state;
    }

    @Override
    public void process(Exchange exchange) {
        state.requestBegun();
    }
}
