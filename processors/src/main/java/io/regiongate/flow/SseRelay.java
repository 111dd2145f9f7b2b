package io.regiongate.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.failover.UpstreamFailure;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an upstream SSE body to the client event by event: each event is written and flushed
 * the moment its blank line has been read. When the client's write queue is full the relay stops
 * reading the upstream until it drains (backpressure). When the client goes away the upstream
 * connection is aborted at once rather than drained.
 *
 * <p>Nothing reaches the client before the first whole event: the response head is written with
 * it. A stream that fails before that throws {@link UpstreamFailure}, leaving the client's response
 * untouched so that the request can fail over. After the first byte an upstream failure ends the
 * stream with one error event in OpenAI's shape, then {@code [DONE]}.
 */
public final class SseRelay {

    private static final Logger LOG = LoggerFactory.getLogger(SseRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EVENT_BYTES = 1 << 20;
    private static final long DRAIN_CHECK_MILLIS = 1000;

    /** How a relayed stream ended. */
    public enum Ending { COMPLETE, CLIENT_CANCELLED, UPSTREAM_FAILED }

    /**
     * @param writeHead sets status and headers on the response; run once, just before the first event
     * @param observer  shown each event as it arrives, before it is written: what was generated is
     *                  metered even when the client has gone
     * @throws UpstreamFailure when the stream failed before its first event reached the client
     */
    public Ending relay(InputStream upstreamBody, HttpServerResponse response, Runnable writeHead,
                        String upstreamId, String requestId, Consumer<SseEvent> observer) {
        ClientStream client = new ClientStream(response, writeHead);
        response.closeHandler(closed -> {
            client.gone.set(true);
            abort(upstreamBody);
        });
        if (response.closed()) {
            // the client left before the handler was in place: it will never be called
            client.gone.set(true);
        }
        try {
            if (client.gone.get()) {
                return Ending.CLIENT_CANCELLED;
            }
            SseEventReader reader = new SseEventReader(new BufferedInputStream(upstreamBody, 8192), MAX_EVENT_BYTES);
            return relayEvents(reader, client, upstreamId, observer);
        } catch (IOException e) {
            if (client.gone.get()) {
                return Ending.CLIENT_CANCELLED;
            }
            LOG.warn("request {}: upstream {} stream failed: {}", requestId, upstreamId, e.getMessage());
            return fail(client, upstreamId, "the stream broke off");
        } finally {
            // before the first byte, the client's response stays untouched: the request fails over
            // (fail() threw), or the client has gone
            if (client.gone.get() || !client.started) {
                abort(upstreamBody);
            }
            if ((client.started || client.gone.get()) && !response.ended()) {
                response.end();
            }
        }
    }

    private Ending relayEvents(SseEventReader reader, ClientStream client, String upstreamId,
                               Consumer<SseEvent> observer) throws IOException {
        SseEvent event;
        while ((event = reader.next()) != null) {
            observer.accept(event);
            if (client.gone.get()) {
                return Ending.CLIENT_CANCELLED;
            }
            if (!event.terminated() && !isWhole(event)) {
                return fail(client, upstreamId, "the stream ended inside an event");
            }
            client.write(Buffer.buffer(event.wireBytes()));
            if (event.isDone()) {
                return Ending.COMPLETE;
            }
        }
        if (client.gone.get()) {
            return Ending.CLIENT_CANCELLED;
        }
        return fail(client, upstreamId, "the stream ended before [DONE]");
    }

    /** Before the first byte: fail over. After it: end the client's stream with an error event. */
    private static Ending fail(ClientStream client, String upstreamId, String what) {
        OpenAiError error = OpenAiError.upstreamError(upstreamId, what);
        if (!client.started) {
            throw new UpstreamFailure(error, "broken-stream", null);
        }
        client.writeError(error);
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

    /** The client's side: head written with the first event, writes paced by the client's reading. */
    private static final class ClientStream {

        private final HttpServerResponse response;
        private final Runnable writeHead;
        private final AtomicBoolean gone = new AtomicBoolean();
        private boolean started;

        private ClientStream(HttpServerResponse response, Runnable writeHead) {
            this.response = response;
            this.writeHead = writeHead;
        }

        void write(Buffer bytes) {
            awaitDrain();
            if (gone.get() || response.closed()) {
                return;
            }
            if (!started) {
                writeHead.run();
                started = true;
            }
            response.write(bytes);
        }

        void writeError(OpenAiError error) {
            if (!response.closed() && !response.ended()) {
                response.write(OpenAiErrorBody.sseEvent(error));
            }
        }

        private void awaitDrain() {
            while (response.writeQueueFull() && !gone.get() && !response.closed()) {
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
                } catch (ExecutionException e) {
                    return;
                }
            }
        }
    }
}
