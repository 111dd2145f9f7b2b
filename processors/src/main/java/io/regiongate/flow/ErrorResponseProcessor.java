package io.regiongate.flow;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes an answer: the OpenAI error shape with the right
 * status, RegionGate's headers, and never a stack trace. When a stream had already started, the
 * error goes out as its last SSE event instead.
 */
public final class ErrorResponseProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponseProcessor.class);

    private final ResponseHeaders responseHeaders;

    public ErrorResponseProcessor(ResponseHeaders responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        OpenAiError error = toError(exchange, failure);
        Optional<HttpServerResponse> client = ClientResponse.of(exchange);
        if (client.isPresent() && client.get().headWritten()) {
            endStartedStream(client.get(), error);
            return;
        }
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, exchange);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(OpenAiErrorBody.json(error));
    }

    OpenAiError toError(Exchange exchange, Throwable failure) {
        String requestId = exchange.getProperty(ExchangeKeys.REQUEST_ID, "-", String.class);
        String upstreamId = CurrentTarget.id(exchange);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayException gatewayException) {
                return gatewayException.error();
            }
            if (cause instanceof InterruptedIOException) {
                LOG.warn("request {}: upstream {} timed out: {}", requestId, upstreamId, cause.getMessage());
                return OpenAiError.upstreamTimeout(upstreamId);
            }
            if (cause instanceof IOException) {
                LOG.warn("request {}: upstream {} unreachable: {}", requestId, upstreamId, cause.toString());
                return OpenAiError.upstreamError(upstreamId, "connection failed");
            }
        }
        // exception messages may quote request content (parsers do): by default only their types are logged
        LOG.error("request {}: unexpected failure: {} (full trace at DEBUG)", requestId, typeChain(failure));
        LOG.debug("request {}: unexpected failure", requestId, failure);
        return OpenAiError.internal(requestId);
    }

    static String typeChain(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(cause.getClass().getName());
            if (cause.getStackTrace().length > 0) {
                chain.append(" at ").append(cause.getStackTrace()[0]);
            }
        }
        return chain.isEmpty() ? "unknown" : chain.toString();
    }

    private static void endStartedStream(HttpServerResponse response, OpenAiError error) {
        if (!response.ended()) {
            if (!response.closed()) {
                response.write(OpenAiErrorBody.sseEvent(error));
            }
            response.end();
        }
    }
}
