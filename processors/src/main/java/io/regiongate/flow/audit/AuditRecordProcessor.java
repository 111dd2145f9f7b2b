package io.regiongate.flow.audit;

import io.regiongate.audit.AuditRecord;
import io.regiongate.audit.AuditRecordFactory;
import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.flow.ExchangeKeys;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The audit step at the end of a request, on success and on error alike: builds the
 * {@link AuditRecord} from the request's record and leaves it in {@link ExchangeKeys#AUDIT_RECORD}
 * for the writer. It never changes the message.
 */
public final class AuditRecordProcessor implements Processor {

    private final AuditRecordFactory factory;

    public AuditRecordProcessor(AuditRecordFactory factory) {
        this.factory = factory;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        exchange.setProperty(ExchangeKeys.AUDIT_RECORD, factory.build(call, status));
    }
}
