package io.regiongate.flow.stream;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.ResponsesEvents;
import io.regiongate.call.Outcome;
import io.regiongate.call.StreamEnding;
import io.regiongate.failover.UpstreamFailure;
import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream relayed on the event loop of the client's connection, where the upstream's callbacks
 * also run: each piece of the upstream's body is cut into events, and each event goes through the
 * flow (written to the client there) before the next is looked at. Every method runs on that one
 * event loop thread, so the relay's own state needs no locks.
 *
 * <p>Reading pauses while the client's socket is behind ({@link StreamSession#mustWait()}) and
 * resumes when it has caught up. The stream's {@link #ending()} completes once, with how it ended,
 * or with an {@link UpstreamFailure} when it failed before its first event reached the client.
 */
final class EventLoopRelay {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoopRelay.class);

    private final UpstreamEventStream upstream;
    private final StreamSession session;
    private final long clientStallNanos;
    private final StreamEventFlow flow;
    private final String upstreamId;
    private final String requestId;
    private final SseEventParser parser;
    private final CompletableFuture<Outcome> ending = new CompletableFuture<>();
    private boolean ended;
    /** Reading stopped because the client's socket is behind. */
    private boolean paused;
    /** The upstream failed; reported once the bytes that came before the failure are relayed. */
    private Throwable pendingFailure;
    private long lastBytesNanos;
    private long silenceTimer = -1;
    /** When the armed silence timer fires (System.nanoTime()). */
    private long silenceTimerDueNanos;
    /** The upstream's answer has ended: nothing more will be read. */
    private boolean upstreamDone;

    /** @param clientStallTimeout how long the client may take nothing while reading waits for it */
    EventLoopRelay(UpstreamEventStream upstream, StreamSession session, StreamEventFlow flow, String upstreamId,
                   String requestId, int maxEventBytes, Duration clientStallTimeout) {
        this.upstream = upstream;
        this.session = session;
        this.clientStallNanos = clientStallTimeout.toNanos();
        this.flow = flow;
        this.upstreamId = upstreamId;
        this.requestId = requestId;
        this.parser = new SseEventParser(maxEventBytes);
    }

    CompletableFuture<Outcome> ending() {
        return ending;
    }

    void start() {
        HttpServerResponse response = session.response();
        response.closeHandler(closed -> clientLeft());
        if (response.closed()) {
            // the client left before the handler was in place: it will never be called
            clientLeft();
            return;
        }
        HttpClientResponse body = upstream.response();
        body.handler(this::read);
        body.exceptionHandler(this::upstreamFailed);
        body.endHandler(done -> upstreamEnded());
        lastBytesNanos = System.nanoTime();
        armSilenceTimer(upstream.silenceTimeoutMillis());
        body.resume();
        if (upstream.earlyFailure() != null) {
            upstreamFailed(upstream.earlyFailure());
        }
    }

    /** The waiting thread was interrupted: stop as if the client had gone. */
    void cancel() {
        clientLeft();
    }

    private void read(Buffer piece) {
        if (ended) {
            return;
        }
        lastBytesNanos = System.nanoTime();
        try {
            parser.feed(piece.getBytes(), 0, piece.length(), this::relay);
        } catch (Exception e) {
            broken(e);
            return;
        }
        if (!ended && session.mustWait()) {
            paused = true;
            upstream.response().pause();
            watchTheClientWhilePaused();
            session.whenDrained(this::resumeReading);
        }
    }

    private void resumeReading() {
        if (!ended) {
            paused = false;
            lastBytesNanos = System.nanoTime();
            upstream.response().resume();
            if (pendingFailure != null) {
                upstream.context().runOnContext(ignored -> failIfStillPending());
            }
        }
    }

    /**
     * A failure is reported at once, even while bytes that arrived before it wait in the paused
     * response: those are relayed first (resuming schedules them, this runs after), then it counts.
     */
    private void upstreamFailed(Throwable failure) {
        if (ended) {
            // after [DONE]: the connection is gone, there is nothing left to drain
            upstreamDone = true;
            cancelSilenceTimer();
            return;
        }
        pendingFailure = failure;
        if (!paused) {
            upstream.context().runOnContext(ignored -> failIfStillPending());
        }
    }

    /**
     * The target's silence is bounded by its response timeout, as before the head: Vert.x's request
     * timeout no longer watches once the head has come. While reading is paused for the client, the
     * client's silence is bounded instead: a client that takes nothing for the stall timeout ends
     * its stream, so that it cannot hold a worker and an upstream connection for ever.
     */
    private void armSilenceTimer(long delayMillis) {
        long delay = Math.max(1, delayMillis);
        silenceTimerDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        silenceTimer = upstream.context().owner().setTimer(delay, id -> checkSilence());
    }

    /** While reading waits for the client, the timer must fire by the client's stall deadline. */
    private void watchTheClientWhilePaused() {
        long stallDueNanos = System.nanoTime() + clientStallNanos - session.nanosSinceClientTookAnything();
        if (silenceTimerDueNanos - stallDueNanos > 0) {
            cancelSilenceTimer();
            armSilenceTimer(TimeUnit.NANOSECONDS.toMillis(Math.max(0, stallDueNanos - System.nanoTime())) + 1);
        }
    }

    private void checkSilence() {
        if (upstreamDone) {
            return;
        }
        long limit = upstream.silenceTimeoutMillis();
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBytesNanos);
        boolean waitingForClient = paused && !ended;
        if (waitingForClient) {
            long stalledNanos = session.nanosSinceClientTookAnything();
            if (stalledNanos >= clientStallNanos) {
                clientStalled(stalledNanos);
            } else {
                armSilenceTimer(TimeUnit.NANOSECONDS.toMillis(clientStallNanos - stalledNanos) + 1);
            }
            return;
        }
        if (silentMillis < limit) {
            armSilenceTimer(limit - silentMillis);
            return;
        }
        if (ended) {
            // [DONE] came but the answer never ended: free the connection rather than keep it forever
            upstream.abort();
            return;
        }
        upstreamFailed(new SocketTimeoutException("the target sent nothing for " + silentMillis + " ms"));
    }

    private void cancelSilenceTimer() {
        upstream.context().owner().cancelTimer(silenceTimer);
    }

    private void failIfStillPending() {
        if (!ended && !paused && pendingFailure != null) {
            broken(pendingFailure);
        }
    }

    private void relay(SseEvent event) {
        if (ended) {
            return;
        }
        SseChunk chunk;
        try {
            chunk = flow.process(session, event);
        } catch (Exception e) {
            broken(e);
            return;
        }
        if (session.clientGone()) {
            end(StreamEnding.CLIENT_CANCELLED);
        } else if (!chunk.whole()) {
            fail("the stream ended inside an event");
        } else if (chunk.isDone()) {
            end(StreamEnding.COMPLETE);
        } else if (session.typedEvents() && ResponsesEvents.endsWell(chunk.json())) {
            end(StreamEnding.COMPLETE);
        } else if (session.typedEvents() && ResponsesEvents.endsFailed(chunk.json())) {
            String type = ResponsesEvents.typeOf(chunk.json());
            if (session.started()) {
                // the client has the upstream's own event; the stream ends there
                end(StreamEnding.UPSTREAM_FAILED, OpenAiError.upstreamError(upstreamId, "the upstream ended the response with " + type));
            } else {
                fail("the upstream sent " + type + " before its first output");
            }
        }
    }

    private void upstreamEnded() {
        upstreamDone = true;
        if (ended) {
            cancelSilenceTimer();
            return;
        }
        parser.finish(this::relay);
        if (ended) {
            return;
        }
        if (session.clientGone()) {
            end(StreamEnding.CLIENT_CANCELLED);
        } else {
            fail(session.typedEvents() ? "the stream ended before response.completed" : "the stream ended before [DONE]");
        }
    }

    private void broken(Throwable failure) {
        if (ended) {
            return;
        }
        if (session.clientGone()) {
            end(StreamEnding.CLIENT_CANCELLED);
            return;
        }
        LOG.warn("request {}: upstream {} stream failed: {}", requestId, upstreamId, failure.getClass().getSimpleName());
        fail("the stream broke off");
    }

    private void clientStalled(long stalledNanos) {
        LOG.warn("request {}: the client took nothing for {} ms; its stream is ended", requestId,
                TimeUnit.NANOSECONDS.toMillis(stalledNanos));
        session.clientLeft();
        end(StreamEnding.CLIENT_STALLED);
    }

    private void clientLeft() {
        session.clientLeft();
        if (!ended) {
            end(StreamEnding.CLIENT_CANCELLED);
        }
    }

    /** Before the first byte: fail over. After it: end the client's stream with an error event. */
    private void fail(String what) {
        OpenAiError error = OpenAiError.upstreamError(upstreamId, what);
        if (!session.started()) {
            ended = true;
            cancelSilenceTimer();
            upstream.abort();
            ending.completeExceptionally(new UpstreamFailure(error, "broken-stream", null));
            return;
        }
        session.writeError(error);
        end(StreamEnding.UPSTREAM_FAILED, error);
    }

    private void end(StreamEnding how) {
        end(how, null);
    }

    private void end(StreamEnding how, OpenAiError error) {
        ended = true;
        if (how == StreamEnding.COMPLETE && !upstreamDone) {
            // the rest of the answer (its end) is read and dropped, so that the connection is pooled
            // again; the silence timer stays armed and closes it if that end never comes
            upstream.response().resume();
        } else {
            cancelSilenceTimer();
            if (how != StreamEnding.COMPLETE) {
                upstream.abort();
            }
        }
        HttpServerResponse response = session.response();
        if (how == StreamEnding.CLIENT_STALLED) {
            // what is queued would never be read: the connection is dropped, not ended politely
            session.abort();
        } else if ((session.started() || session.clientGone()) && !response.ended()) {
            response.end();
        }
        ending.complete(Outcome.streamed(how, error));
    }
}
