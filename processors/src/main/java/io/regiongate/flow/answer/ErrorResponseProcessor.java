package io.regiongate.flow.answer;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.call.ClientConnection;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.StreamEnding;
import io.regiongate.failover.CallOutcomes;
import io.regiongate.flow.Calls;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes an answer: the OpenAI error shape with the right
 * status, RegionGate's headers, and never a stack trace; the error is kept in the request's
 * record. When a stream had already started, the error goes out as its last SSE event instead.
 */
public final class ErrorResponseProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponseProcessor.class);

    private final ResponseHeaders responseHeaders;

    public ErrorResponseProcessor(ResponseHeaders responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.find(exchange);
        OpenAiError error = toError(call, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        Optional<ClientConnection> client = call == null ? Optional.empty() : call.client();
        if (client.isPresent() && client.get().headWritten()) {
            endStartedStream(client.get().response(), error);
            if (call.outcome() == null || !call.outcome().streamed()) {
                call.streamEnded(StreamEnding.UPSTREAM_FAILED, error);
            }
            return;
        }
        if (call != null) {
            call.failed(error);
        }
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, call);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(OpenAiErrorBody.json(error));
    }

    static OpenAiError toError(GatewayCall call, Throwable failure) {
        String requestId = call == null ? "-" : call.requestId();
        String targetId = call == null || call.target() == null ? null : call.target().id();
        CallOutcomes.Classified outcome = CallOutcomes.classify(failure, targetId);
        switch (outcome.kind()) {
            case GATEWAY_ANSWER -> {
                return outcome.error();
            }
            case TARGET_FAILURE -> {
                // the transport's message, which never holds request content
                if (outcome.isTimeout()) {
                    LOG.warn("request {}: upstream {} timed out: {}", requestId, targetId, failure);
                } else if (outcome.isConnectError()) {
                    LOG.warn("request {}: upstream {} unreachable: {}", requestId, targetId, failure);
                } else if (outcome.isTlsError()) {
                    LOG.warn("request {}: TLS with {} failed: {}", requestId, targetId, failure);
                }
                return outcome.error();
            }
            default -> {
                // exception messages may quote request content (parsers do): by default only their types are logged
                LOG.error("request {}: unexpected failure: {} (full trace at DEBUG)", requestId, typeChain(failure));
                LOG.debug("request {}: unexpected failure", requestId, failure);
                return OpenAiError.internal(requestId);
            }
        }
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
