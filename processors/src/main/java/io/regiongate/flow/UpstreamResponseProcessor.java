package io.regiongate.flow;

import io.regiongate.api.ChatRequest;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.audit.CompletionTally;
import io.regiongate.dispatch.UpstreamStatusPolicy;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.FailoverState;
import io.regiongate.failover.UpstreamFailure;
import io.regiongate.quota.UsageMeter;
import io.regiongate.sse.SseChunk;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * Turns an upstream's (or a peer's) answer into the client's: a stream is relayed event by event
 * straight to the client's connection; a whole answer is passed on with RegionGate's headers; a
 * client error the upstream found is passed on as the upstream wrote it. An upstream failure
 * (5xx, 429, a rejected gateway key) is an {@link UpstreamFailure}: the request may fail over.
 */
public final class UpstreamResponseProcessor implements Processor {

    /** The largest non-streamed upstream answer read into memory; a larger one is a 502, never cut short. */
    static final int MAX_RESPONSE_BYTES = 32 << 20;

    private final ResponseHeaders responseHeaders;
    private final SseRelay relay;
    private final CamelStreamEventFlow eventFlow;

    /** @param eventFlow the route each streamed event passes through (the {@code stream-event} route) */
    public UpstreamResponseProcessor(ResponseHeaders responseHeaders, SseRelay relay, CamelStreamEventFlow eventFlow) {
        this.responseHeaders = responseHeaders;
        this.relay = relay;
        this.eventFlow = eventFlow;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        FailoverState failover = exchange.getProperty(ExchangeKeys.FAILOVER, FailoverState.class);
        if (failover != null) {
            failover.firstByte();
        }
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String targetId = CurrentTarget.id(exchange);
        UpstreamEventStream eventStream = message.getBody() instanceof UpstreamEventStream opened ? opened : null;
        InputStream body = eventStream != null ? null : message.getBody(InputStream.class);
        switch (UpstreamStatusPolicy.classify(status)) {
            case UPSTREAM_FAILURE -> {
                String retryAfter = message.getHeader("Retry-After", String.class);
                closeQuietly(body, eventStream);
                throw new UpstreamFailure(OpenAiError.upstreamError(targetId, "HTTP " + status), "http-" + status,
                        status == 429 ? Cooldowns.parseRetryAfter(retryAfter) : null);
            }
            case CLIENT_ERROR -> {
                rememberServedBy(exchange, message);
                closeQuietly(null, eventStream);
                passOn(exchange, message, status, contentType, body);
            }
            case RELAY -> {
                rememberServedBy(exchange, message);
                ChatRequest request = exchange.getProperty(ExchangeKeys.CHAT_REQUEST, ChatRequest.class);
                if (eventStream != null) {
                    stream(exchange, eventStream, targetId, request.clientWantsUsage());
                } else {
                    passOn(exchange, message, status, contentType, body);
                    meter(exchange, message.getBody(byte[].class));
                }
            }
        }
    }

    /** When a peer answered, its headers name the region and upstream that really served. */
    private static void rememberServedBy(Exchange exchange, Message message) {
        exchange.removeProperty(ExchangeKeys.SERVED_REGION);
        exchange.removeProperty(ExchangeKeys.SERVED_UPSTREAM);
        if (CurrentTarget.isPeer(exchange)) {
            String region = message.getHeader(GatewayHeaders.REGION, String.class);
            String upstream = message.getHeader(GatewayHeaders.UPSTREAM, String.class);
            if (region != null) {
                exchange.setProperty(ExchangeKeys.SERVED_REGION, region);
            }
            if (upstream != null) {
                exchange.setProperty(ExchangeKeys.SERVED_UPSTREAM, upstream);
            }
        }
    }

    private void stream(Exchange exchange, UpstreamEventStream upstream, String targetId, boolean clientWantsUsage) {
        HttpServerResponse response = ClientResponse.of(exchange)
                .orElseThrow(() -> new IllegalStateException("streaming needs the platform-http client response"));
        Runnable writeHead = () -> {
            response.setStatusCode(200);
            response.setChunked(true);
            response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
            response.putHeader("Cache-Control", "no-cache");
            response.putHeader("X-Accel-Buffering", "no");
            responseHeaders.addTo(response, exchange);
        };
        CompletionTally tally = new CompletionTally();
        exchange.setProperty(ExchangeKeys.STREAM_TALLY, tally);
        UsageMeter meter = exchange.getProperty(ExchangeKeys.USAGE_METER, UsageMeter.class);
        if (meter != null) {
            meter.answered();
        }
        Consumer<SseChunk> observer = chunk -> {
            tally.accept(chunk.json());
            if (meter != null) {
                meter.observeChunk(chunk.json());
            }
        };
        StreamSession session = new StreamSession(response, writeHead, observer, clientWantsUsage);
        exchange.setProperty(ExchangeKeys.STREAM_ENDING, relay.relay(upstream, session, eventFlow.in(exchange.getContext()),
                targetId, exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class)));
        exchange.getMessage().setBody(null);
    }

    private void passOn(Exchange exchange, Message message, int status, String contentType, InputStream body)
            throws IOException {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in == null ? new byte[0] : in.readNBytes(MAX_RESPONSE_BYTES + 1);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new GatewayException(OpenAiError.upstreamError(CurrentTarget.id(exchange),
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

    private static void closeQuietly(InputStream body, UpstreamEventStream eventStream) {
        try {
            // abort, not close: closing would read the rest of a body that may never end
            if (body instanceof EofSensorInputStream sensor) {
                sensor.abort();
            } else if (body != null) {
                body.close();
            }
        } catch (IOException e) {
            // the answer is not used
        }
        if (eventStream != null) {
            eventStream.abort();
        }
    }
}
