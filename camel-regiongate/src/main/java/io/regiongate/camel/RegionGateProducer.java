package io.regiongate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.flow.ExchangeKeys;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.runtime.RegionGate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultProducer;

/**
 * Calls the flow's in-process entry with a fresh exchange, as an HTTP request would enter it (the
 * body as JSON bytes, the key as {@code Authorization: Bearer}), so that the flow's own
 * completion (telemetry, audit record, quota settlement) runs when that call ends; then turns the
 * flow's answer into the host's message, or its error answer into a {@link RegionGateException}.
 */
final class RegionGateProducer extends DefaultProducer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer ";

    private final RegionGateOperation operation;
    private ProducerTemplate template;
    private RegionGate regionGate;
    private ExecutorService streams;

    RegionGateProducer(RegionGateEndpoint endpoint) {
        super(endpoint);
        this.operation = endpoint.getOperation();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        regionGate = RegionGate.of(getEndpoint().getCamelContext());
        if (regionGate == null) {
            throw new IllegalStateException("regiongate: needs RegionGate's flows in this Camel context: add "
                    + RegionGateRoutes.class.getName() + " to it (with the Camel property "
                    + RegionGateRoutes.CONFIG_FILE + ")");
        }
        template = getEndpoint().getCamelContext().createProducerTemplate();
        // a streamed call holds its thread until its iterator ends or is closed (as an HTTP stream
        // holds a worker): a pool that grows with the streams, not a fixed one streams would queue behind
        streams = getEndpoint().getCamelContext().getExecutorServiceManager().newCachedThreadPool(this,
                "RegionGateStream");
        template.setExecutorService(streams);
    }

    @Override
    protected void doStop() throws Exception {
        if (template != null) {
            template.stop();
        }
        if (streams != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(streams);
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        byte[] body = operation == RegionGateOperation.chat ? requestBody(in) : null;
        InProcessStream stream = body != null && asksForStream(body)
                ? new InProcessStream(regionGate.vertx(getEndpoint().getCamelContext()).getOrCreateContext())
                : null;
        String key = in.getHeader(RegionGateConstants.API_KEY, String.class);
        String residency = in.getHeader(RegionGateConstants.RESIDENCY, String.class);
        String consent = in.getHeader(RegionGateConstants.CONSENT, String.class);
        in.removeHeader(RegionGateConstants.API_KEY);
        Processor request = flow -> {
            if (stream != null) {
                flow.setProperty(ExchangeKeys.CLIENT_CONNECTION, stream.connection());
            }
            Message message = flow.getIn();
            message.setBody(body);
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            if (key != null) {
                message.setHeader(GatewayHeaders.AUTHORIZATION, key.startsWith(BEARER) ? key : BEARER + key);
            }
            if (residency != null && !residency.isBlank()) {
                message.setHeader(GatewayHeaders.RESIDENCY, residency);
            }
            if (consent != null && !consent.isBlank()) {
                message.setHeader(GatewayHeaders.CONSENT, consent);
            }
        };
        if (stream == null) {
            answer(template.send(operation.entry(), request), exchange.getMessage());
            return;
        }
        // the flow relays the stream on a thread of its own until the iterator has ended or is closed;
        // its audit record, metrics and quota settlement are done then
        CompletableFuture<Exchange> call = template.asyncSend(operation.entry(), request);
        CompletableFuture.anyOf(stream.started(), call).join();
        if (!stream.started().isDone()) {
            // answered before any event: a refusal, a failure before the first byte, or a whole answer
            answer(call.join(), exchange.getMessage());
            return;
        }
        Message out = exchange.getMessage();
        out.setHeader(RegionGateConstants.REQUEST_ID, stream.headers().get(GatewayHeaders.REQUEST_ID));
        out.setHeader(RegionGateConstants.REGION, stream.headers().get(GatewayHeaders.REGION));
        out.setHeader(RegionGateConstants.UPSTREAM, stream.headers().get(GatewayHeaders.UPSTREAM));
        out.setHeader(RegionGateConstants.FAILOVER, stream.headers().get(GatewayHeaders.FAILOVER));
        out.setHeader(Exchange.CONTENT_TYPE, "text/event-stream");
        out.setBody(stream);
    }

    private static void answer(Exchange call, Message out) {
        if (call.getException() != null) {
            // the flows answer every failure themselves: this is a broken flow, not a refusal
            throw new IllegalStateException("the RegionGate flow failed", call.getException());
        }
        Message answer = call.getMessage();
        String requestId = answer.getHeader(GatewayHeaders.REQUEST_ID, String.class);
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        byte[] bytes = answer.getBody(byte[].class);
        if (status >= 400) {
            throw RegionGateException.of(OpenAiErrorBody.parse(status, bytes), requestId);
        }
        out.setHeader(RegionGateConstants.REQUEST_ID, requestId);
        out.setHeader(RegionGateConstants.REGION, answer.getHeader(GatewayHeaders.REGION));
        out.setHeader(RegionGateConstants.UPSTREAM, answer.getHeader(GatewayHeaders.UPSTREAM));
        out.setHeader(RegionGateConstants.FAILOVER, answer.getHeader(GatewayHeaders.FAILOVER));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * The chat request as JSON bytes: text and bytes as they are (the flow validates them as it
     * validates an HTTP body), a Map written as JSON.
     */
    private static byte[] requestBody(Message in) {
        Object body = in.getBody();
        byte[] bytes;
        try {
            if (body instanceof Map<?, ?> map) {
                bytes = JSON.writeValueAsBytes(map);
            } else if (body instanceof String text) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            } else {
                bytes = in.getBody(byte[].class);
            }
        } catch (IOException e) {
            throw RegionGateException.of(OpenAiError.invalidJson("the body Map cannot be written as JSON"), null);
        }
        return bytes;
    }

    /** True when the request asks for a stream ({@code "stream": true}); a body that is not JSON does not. */
    static boolean asksForStream(byte[] bytes) {
        try {
            JsonNode stream = JSON.readTree(bytes).path("stream");
            return stream.isBoolean() && stream.booleanValue();
        } catch (IOException e) {
            // not JSON: the flow's validation answers that, in its words
            return false;
        }
    }
}
