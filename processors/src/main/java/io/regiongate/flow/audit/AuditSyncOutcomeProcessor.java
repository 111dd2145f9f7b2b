package io.regiongate.flow.audit;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.flow.answer.ResponseHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a {@code sync} delivery, and whenever the audit flow failed: when the record was neither
 * acknowledged nor spooled, a {@code sync} tenant's answer is withheld and the client gets 503
 * {@code audit_unavailable} instead; a request is never served unaudited. A stream has already
 * been relayed by then, and an {@code async} answer does not wait: those failures are logged.
 */
public final class AuditSyncOutcomeProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSyncOutcomeProcessor.class);

    private final ResponseHeaders responseHeaders;

    public AuditSyncOutcomeProcessor(ResponseHeaders responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        if (call.auditAccepted()) {
            return;
        }
        Throwable failure = call.auditFailure();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (!Calls.AUDIT_SYNC.matches(exchange)) {
            LOG.error("request {}: its audit record could not be written or spooled: {}", call.requestId(),
                    failure == null ? "?" : failure.toString());
            return;
        }
        if (call.client().isPresent() && call.client().get().headWritten()) {
            LOG.error("request {}: its audit record could not be written or spooled after the stream was sent: {}",
                    call.requestId(), failure == null ? "?" : failure.toString());
            return;
        }
        LOG.error("request {}: audit record could not be written or spooled; answering 503: {}",
                call.requestId(), failure == null ? "?" : failure.toString());
        OpenAiError error = OpenAiError.auditUnavailable(call.requestId());
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, call);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(OpenAiErrorBody.json(error));
    }
}
