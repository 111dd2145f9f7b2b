package io.regiongate.flow.audit;

import io.regiongate.audit.AuditWriterState;
import io.regiongate.audit.RefusalTally;
import io.regiongate.flow.Calls;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The audit step of a request refused before a tenant was known (no key, or a key no tenant has):
 * counted per reason for the next refusal summary instead of a record of its own, so that a flood
 * of bad keys cannot fill the writer's queue. It never changes the message.
 */
public final class AuditCountRefusalProcessor implements Processor {

    private final RefusalTally tally;
    private final AuditWriterState state;

    public AuditCountRefusalProcessor(RefusalTally tally, AuditWriterState state) {
        this.tally = tally;
        this.state = state;
    }

    @Override
    public void process(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        state.refusalCounted();
        tally.count(RefusalTally.reason(Calls.of(exchange), status));
    }
}
