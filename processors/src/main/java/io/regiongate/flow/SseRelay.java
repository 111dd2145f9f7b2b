package io.regiongate.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an upstream SSE body to the client event by event: each event is written and flushed
 * the moment its blank line has been read. When the client's write queue is full the relay stops
 * reading the upstream until it drains (backpressure). When the client goes away the upstream
 * connection is aborted at once rather than drained. After the first byte an upstream failure ends
 * the stream with one error event in OpenAI's shape, then {@code [DONE]}.
 */
public final class SseRelay {

    private static final Logger LOG = LoggerFactory.getLogger(SseRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EVENT_BYTES = 1 << 20;
    private static final long DRAIN_CHECK_MILLIS = 1000;

    /** How a relayed stream ended. */
    public enum Ending { COMPLETE, CLIENT_CANCELLED, UPSTREAM_FAILED }

    /** Sees each event as it arrives from the upstream, before it is written to the client. */
    @FunctionalInterface
    public interface EventObserver {
        EventObserver NONE = event -> { };

        void onEvent(SseEvent event);
    }

    public Ending relay(InputStream upstreamBody, HttpServerResponse response, String upstreamId, String requestId) {
        return relay(upstreamBody, response, upstreamId, requestId, EventObserver.NONE);
    }

    public Ending relay(InputStream upstreamBody, HttpServerResponse response, String upstreamId, String requestId,
                        EventObserver observer) {
        AtomicBoolean clientGone = new AtomicBoolean();
        response.closeHandler(closed -> {
            clientGone.set(true);
            abort(upstreamBody);
        });
        if (response.closed()) {
            // the client left before the handler was in place: it will never be called
            abort(upstreamBody);
            if (!response.ended()) {
                response.end();
            }
            return Ending.CLIENT_CANCELLED;
        }
        SseEventReader reader = new SseEventReader(new BufferedInputStream(upstreamBody, 8192), MAX_EVENT_BYTES);
        try {
            return relayEvents(reader, response, clientGone, upstreamId, observer);
        } catch (IOException e) {
            if (clientGone.get()) {
                return Ending.CLIENT_CANCELLED;
            }
            LOG.warn("request {}: upstream {} stream failed: {}", requestId, upstreamId, e.getMessage());
            writeError(response, OpenAiError.upstreamError(upstreamId, "the stream broke off"));
            return Ending.UPSTREAM_FAILED;
        } finally {
            if (clientGone.get()) {
                abort(upstreamBody);
            }
            if (!response.ended()) {
                response.end();
            }
        }
    }

    private Ending relayEvents(SseEventReader reader, HttpServerResponse response, AtomicBoolean clientGone,
                               String upstreamId, EventObserver observer) throws IOException {
        SseEvent event;
        while ((event = reader.next()) != null) {
            observer.onEvent(event);
            if (clientGone.get()) {
                return Ending.CLIENT_CANCELLED;
            }
            if (!event.terminated() && !isWhole(event)) {
                writeError(response, OpenAiError.upstreamError(upstreamId, "the stream ended inside an event"));
                return Ending.UPSTREAM_FAILED;
            }
            write(response, Buffer.buffer(event.wireBytes()), clientGone);
            if (event.isDone()) {
                return Ending.COMPLETE;
            }
        }
        if (clientGone.get()) {
            return Ending.CLIENT_CANCELLED;
        }
        writeError(response, OpenAiError.upstreamError(upstreamId, "the stream ended before [DONE]"));
        return Ending.UPSTREAM_FAILED;
    }

    /** An event cut off by the end of the stream is relayed only when what arrived is whole. */
    private static boolean isWhole(SseEvent event) {
        if (event.data() == null) {
            return false;
        }
        if (event.isDone()) {
            return true;
        }
        try {
            JSON.readTree(event.data());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(HttpServerResponse response, Buffer bytes, AtomicBoolean clientGone) {
        awaitDrain(response, clientGone);
        if (!clientGone.get() && !response.closed()) {
            response.write(bytes);
        }
    }

    private static void awaitDrain(HttpServerResponse response, AtomicBoolean clientGone) {
        while (response.writeQueueFull() && !clientGone.get() && !response.closed()) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            response.drainHandler(ready -> drained.complete(null));
            if (!response.writeQueueFull()) {
                return;
            }
            try {
                drained.get(DRAIN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // check again: the client may have gone away meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            }
        }
    }

    private static void writeError(HttpServerResponse response, OpenAiError error) {
        if (!response.closed() && !response.ended()) {
            response.write(OpenAiErrorBody.sseEvent(error));
        }
    }

    /** Closes the upstream connection without reading the rest of the body. */
    static void abort(InputStream upstreamBody) {
        try {
            if (upstreamBody instanceof EofSensorInputStream sensor) {
                sensor.abort();
            } else {
                upstreamBody.close();
            }
        } catch (IOException e) {
            LOG.debug("aborting the upstream stream: {}", e.getMessage());
        }
    }
}
