package io.regiongate.flow;

import io.regiongate.api.ChatRequest;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.dispatch.UpstreamStatusPolicy;
import io.regiongate.quota.UsageMeter;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the upstream's answer into the client's: a stream is relayed event by event straight to
 * the client's connection; a whole answer is passed on with RegionGate's headers; an upstream
 * failure becomes a 502 (never the client's fault); a client error the upstream found is
 * passed on as the upstream wrote it.
 */
public final class UpstreamResponseProcessor implements Processor {

    /** The largest non-streamed upstream answer read into memory; a larger one is a 502, never cut short. */
    private static final int MAX_RESPONSE_BYTES = 32 << 20;

    private final ResponseHeaders responseHeaders;
    private final SseRelay relay;

    public UpstreamResponseProcessor(ResponseHeaders responseHeaders, SseRelay relay) {
        this.responseHeaders = responseHeaders;
        this.relay = relay;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        ResolvedUpstream upstream = exchange.getProperty(ExchangeKeys.UPSTREAM, ResolvedUpstream.class);
        InputStream body = message.getBody(InputStream.class);
        switch (UpstreamStatusPolicy.classify(status)) {
            case UPSTREAM_FAILURE -> {
                closeQuietly(body);
                throw new GatewayException(OpenAiError.upstreamError(upstream.id(), "HTTP " + status));
            }
            case CLIENT_ERROR -> passOn(exchange, message, status, contentType, body);
            case RELAY -> {
                ChatRequest request = exchange.getProperty(ExchangeKeys.CHAT_REQUEST, ChatRequest.class);
                if (request.stream() && contentType.startsWith("text/event-stream")) {
                    stream(exchange, body, upstream);
                } else {
                    passOn(exchange, message, status, contentType, body);
                    meter(exchange, message.getBody(byte[].class));
                }
            }
        }
    }

    private void stream(Exchange exchange, InputStream body, ResolvedUpstream upstream) {
        HttpServerResponse response = ClientResponse.of(exchange)
                .orElseThrow(() -> new IllegalStateException("streaming needs the platform-http client response"));
        response.setStatusCode(200);
        response.setChunked(true);
        response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
        response.putHeader("Cache-Control", "no-cache");
        response.putHeader("X-Accel-Buffering", "no");
        responseHeaders.addTo(response, exchange);
        UsageMeter meter = exchange.getProperty(ExchangeKeys.USAGE_METER, UsageMeter.class);
        SseRelay.EventObserver observer = meter == null ? SseRelay.EventObserver.NONE
                : event -> meter.observeEventData(event.data());
        if (meter != null) {
            meter.answered();
        }
        relay.relay(body, response, upstream.id(), exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class), observer);
        exchange.getMessage().setBody(null);
    }

    private void passOn(Exchange exchange, Message message, int status, String contentType, InputStream body)
            throws IOException {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in == null ? new byte[0] : in.readNBytes(MAX_RESPONSE_BYTES + 1);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new GatewayException(OpenAiError.upstreamError(
                    exchange.getProperty(ExchangeKeys.UPSTREAM, ResolvedUpstream.class).id(),
                    "the answer is larger than " + MAX_RESPONSE_BYTES + " bytes"));
        }
        responseHeaders.replaceOn(message, exchange);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType.isEmpty() ? "application/json" : contentType);
        message.setBody(bytes);
    }

    private static void meter(Exchange exchange, byte[] answer) {
        UsageMeter meter = exchange.getProperty(ExchangeKeys.USAGE_METER, UsageMeter.class);
        if (meter != null && answer != null) {
            meter.observeBody(answer);
        }
    }

    private static void closeQuietly(InputStream body) {
        if (body != null) {
            SseRelay.abort(body);
        }
    }
}
