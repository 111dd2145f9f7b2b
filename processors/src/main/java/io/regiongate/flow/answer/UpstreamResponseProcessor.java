package io.regiongate.flow.answer;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.call.ClientConnection;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.Outcome;
import io.regiongate.call.RequestIds;
import io.regiongate.call.ServedBy;
import io.regiongate.dispatch.CallTarget;
import io.regiongate.failover.CallOutcomes;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.flow.stream.CamelStreamEventFlow;
import io.regiongate.flow.stream.SseRelay;
import io.regiongate.flow.stream.StreamSession;
import io.regiongate.flow.stream.UpstreamEventStream;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * Turns a target's answer into the client's: a stream is relayed event by event straight to the
 * client's connection; a whole answer is passed on with RegionGate's headers; a client error the
 * target found is passed on as the target wrote it. Who served, the outcome and what the answer
 * carried (usage, completion) go into the request's record. A target's failure (5xx, 429, a
 * rejected gateway key) is thrown as {@link io.regiongate.failover.UpstreamFailure}: the request
 * may fail over.
 */
public final class UpstreamResponseProcessor implements Processor {

    /** The largest non-streamed answer read into memory; a larger one is a 502, never cut short. */
    public static final int MAX_RESPONSE_BYTES = 32 << 20;

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
        GatewayCall call = Calls.of(exchange);
        if (call.failover() != null) {
            call.failover().firstByte();
        }
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        CallTarget target = call.target();
        UpstreamEventStream eventStream = message.getBody() instanceof UpstreamEventStream opened ? opened : null;
        InputStream body = eventStream != null ? null : message.getBody(InputStream.class);
        boolean fromPeer = target.target().isPeer();
        switch (CallOutcomes.ofStatus(status, fromPeer)) {
            case TARGET_FAILURE -> {
                String retryAfter = message.getHeader("Retry-After", String.class);
                closeQuietly(body, eventStream);
                throw CallOutcomes.failureOfStatus(target.id(), status, retryAfter);
            }
            case CLIENT_ERROR -> {
                closeQuietly(null, eventStream);
                byte[] bytes = readWhole(call, body);
                OpenAiError error = OpenAiErrorBody.parse(status, bytes);
                if (fromPeer && CallOutcomes.peerRefusedTheLink(error)) {
                    throw CallOutcomes.failureOfStatus(target.id(), status, null);
                }
                call.servedBy(servedBy(target, message));
                if (fromPeer) {
                    call.failover().answerIsAboutTheTenant();
                }
                passOn(call, message, status, contentType, bytes);
                call.refusedByTarget(status, error);
            }
            case RELAY -> {
                call.servedBy(servedBy(target, message));
                if (eventStream != null) {
                    stream(call, eventStream, exchange);
                } else {
                    byte[] bytes = readWhole(call, body);
                    passOn(call, message, status, contentType, bytes);
                    call.answer().observeWholeAnswer(bytes);
                    call.answered(status);
                }
            }
        }
    }

    /** A peer's answer names the region and upstream that really served; an upstream of this region served itself. */
    private static ServedBy servedBy(CallTarget target, Message answer) {
        if (target.target().isPeer()) {
            String peerRequestId = answer.getHeader(GatewayHeaders.REQUEST_ID, String.class);
            return new ServedBy(answer.getHeader(GatewayHeaders.REGION, String.class),
                    answer.getHeader(GatewayHeaders.UPSTREAM, String.class), true,
                    RequestIds.wellFormed(peerRequestId) ? peerRequestId : null);
        }
        return new ServedBy(target.target().region(), target.id(), false);
    }

    private void stream(GatewayCall call, UpstreamEventStream upstream, Exchange exchange) {
        ClientConnection client = call.client()
                .orElseThrow(() -> new IllegalStateException("streaming needs the platform-http client response"));
        HttpServerResponse response = client.response();
        Runnable writeHead = () -> {
            call.firstChunkWritten();
            response.setStatusCode(200);
            response.setChunked(true);
            response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
            response.putHeader("Cache-Control", "no-cache");
            response.putHeader("X-Accel-Buffering", "no");
            responseHeaders.addTo(response, call);
        };
        call.answer().answerBegan();
        StreamSession session = new StreamSession(response, writeHead, call.answer(), call.request().clientWantsUsage(),
                call.request().operation().typedEvents());
        session.abortWith(client::abort);
        if (call.redaction() != null && call.redaction().answerNeedsRedaction()) {
            session.redactWith(call.redaction().streamRedactor());
        }
        Outcome relayed = relay.relay(upstream, session, eventFlow.in(exchange.getContext()), call.target().id(),
                call.requestId());
        call.streamEnded(relayed.streamEnding(), relayed.error());
        exchange.getMessage().setBody(null);
    }

    private static byte[] readWhole(GatewayCall call, InputStream body) throws IOException {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in == null ? new byte[0] : in.readNBytes(MAX_RESPONSE_BYTES + 1);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new GatewayException(OpenAiError.upstreamError(call.target().id(),
                    "the answer is larger than " + MAX_RESPONSE_BYTES + " bytes"));
        }
        return bytes;
    }

    private void passOn(GatewayCall call, Message message, int status, String contentType, byte[] bytes) {
        responseHeaders.replaceOnAnswer(message, call);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType.isEmpty() ? "application/json" : contentType);
        message.setBody(bytes);
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
