package io.regiongate.flow;

import io.regiongate.api.OpenAiError;
import io.regiongate.failover.UpstreamFailure;
import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventReader;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an upstream SSE body to the client event by event: it reads one event, sends it through
 * the {@link StreamEventFlow} (parse, meter, transform, relay: the event is written and flushed
 * there), and only then reads the next, so no event waits for the one after it. When the client's
 * write queue is full the relay step waits for it to drain and the upstream is not read meanwhile
 * (backpressure). When the client goes away the upstream connection is aborted at once rather than
 * drained.
 *
 * <p>Nothing reaches the client before the first whole event: the response head is written with
 * it. A stream that fails before that throws {@link UpstreamFailure}, leaving the client's response
 * untouched so that the request can fail over. After the first byte an upstream failure ends the
 * stream with one error event in OpenAI's shape, then {@code [DONE]}.
 */
public final class SseRelay {

    private static final Logger LOG = LoggerFactory.getLogger(SseRelay.class);
    private static final int MAX_EVENT_BYTES = 1 << 20;

    /** How a relayed stream ended. */
    public enum Ending { COMPLETE, CLIENT_CANCELLED, UPSTREAM_FAILED }

    /**
     * @param flow the steps each event passes through; its relay step writes to {@code session}
     * @throws UpstreamFailure when the stream failed before its first event reached the client
     */
    public Ending relay(InputStream upstreamBody, StreamSession session, StreamEventFlow flow,
                        String upstreamId, String requestId) {
        HttpServerResponse response = session.response();
        response.closeHandler(closed -> {
            session.clientLeft();
            abort(upstreamBody);
        });
        if (response.closed()) {
            // the client left before the handler was in place: it will never be called
            session.clientLeft();
        }
        try {
            if (session.clientGone()) {
                return Ending.CLIENT_CANCELLED;
            }
            SseEventReader reader = new SseEventReader(upstreamBody, MAX_EVENT_BYTES);
            return relayEvents(reader, session, flow, upstreamId);
        } catch (IOException e) {
            if (session.clientGone()) {
                return Ending.CLIENT_CANCELLED;
            }
            LOG.warn("request {}: upstream {} stream failed: {}", requestId, upstreamId, e.getMessage());
            return fail(session, upstreamId, "the stream broke off");
        } finally {
            // before the first byte, the client's response stays untouched: the request fails over
            // (fail() threw), or the client has gone
            if (session.clientGone() || !session.started()) {
                abort(upstreamBody);
            }
            if ((session.started() || session.clientGone()) && !response.ended()) {
                response.end();
            }
        }
    }

    private Ending relayEvents(SseEventReader reader, StreamSession session, StreamEventFlow flow,
                               String upstreamId) throws IOException {
        SseEvent event;
        while ((event = reader.next()) != null) {
            SseChunk chunk = flow.process(session, event);
            if (session.clientGone()) {
                return Ending.CLIENT_CANCELLED;
            }
            if (!chunk.whole()) {
                return fail(session, upstreamId, "the stream ended inside an event");
            }
            if (chunk.isDone()) {
                return Ending.COMPLETE;
            }
        }
        if (session.clientGone()) {
            return Ending.CLIENT_CANCELLED;
        }
        return fail(session, upstreamId, "the stream ended before [DONE]");
    }

    /** Before the first byte: fail over. After it: end the client's stream with an error event. */
    private static Ending fail(StreamSession session, String upstreamId, String what) {
        OpenAiError error = OpenAiError.upstreamError(upstreamId, what);
        if (!session.started()) {
            throw new UpstreamFailure(error, "broken-stream", null);
        }
        session.writeError(error);
        return Ending.UPSTREAM_FAILED;
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
