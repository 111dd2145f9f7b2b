package io.regiongate.flow;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
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
        if (exchange.getProperty(ExchangeKeys.AUDIT_ACCEPTED, false, Boolean.class)) {
            return;
        }
        String requestId = exchange.getProperty(ExchangeKeys.REQUEST_ID, "-", String.class);
        Throwable failure = exchange.getProperty(ExchangeKeys.AUDIT_FAILURE, Throwable.class);
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (!exchange.getProperty(ExchangeKeys.AUDIT_SYNC, false, Boolean.class)) {
            LOG.error("request {}: its audit record could not be written or spooled: {}", requestId,
                    failure == null ? "?" : failure.toString());
            return;
        }
        Optional<HttpServerResponse> client = ClientResponse.of(exchange);
        if (client.isPresent() && client.get().headWritten()) {
            LOG.error("request {}: its audit record could not be written or spooled after the stream was sent: {}",
                    requestId, failure == null ? "?" : failure.toString());
            return;
        }
        LOG.error("request {}: audit record could not be written or spooled; answering 503: {}",
                requestId, failure == null ? "?" : failure.toString());
        OpenAiError error = OpenAiError.auditUnavailable(requestId);
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, exchange);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(OpenAiErrorBody.json(error));
    }
}
