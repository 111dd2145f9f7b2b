package io.regiongate.flow.stream;

import io.regiongate.call.Outcome;
import io.regiongate.call.StreamEnding;
import io.regiongate.failover.UpstreamFailure;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * Relays an upstream's event stream to the client event by event. The events are read, sent
 * through the {@link StreamEventFlow} (parse, meter, transform, relay: written and flushed there)
 * and written on the event loop of the client's connection, as the upstream's bytes arrive
 * ({@link EventLoopRelay}); the calling thread only waits for the stream's end. When the client's
 * write queue is full the upstream is not read (backpressure); when the client goes away the
 * upstream connection is closed at once rather than drained.
 *
 * <p>Nothing reaches the client before the first whole event: the response head is written with
 * it. A stream that fails before that throws {@link UpstreamFailure} here, leaving the client's
 * response untouched so that the request can fail over. After the first byte an upstream failure
 * ends the stream with one error event in OpenAI's shape, then {@code [DONE]}. A client that takes
 * nothing for the stall timeout has its stream ended ({@code client_stalled}).
 */
public final class SseRelay {

    /** The largest upstream event accepted; a larger one fails the stream. */
    static final int MAX_EVENT_BYTES = 1 << 20;

    private final Duration clientStallTimeout;

    /** @param clientStallTimeout how long a client may take nothing before its stream is ended */
    public SseRelay(Duration clientStallTimeout) {
        this.clientStallTimeout = clientStallTimeout;
    }

    /**
     * Relays the stream and waits for its end.
     *
     * @return how it ended, with the error event that ended it, if one did
     *
     * @param flow the steps each event passes through; its relay step writes to {@code session}
     * @throws UpstreamFailure when the stream failed before its first event reached the client
     */
    public Outcome relay(UpstreamEventStream upstream, StreamSession session, StreamEventFlow flow,
                        String upstreamId, String requestId) {
        EventLoopRelay relay = new EventLoopRelay(upstream, session, flow, upstreamId, requestId, MAX_EVENT_BYTES,
                clientStallTimeout);
        upstream.context().runOnContext(ignored -> relay.start());
        try {
            return relay.ending().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            upstream.context().runOnContext(ignored -> relay.cancel());
            return Outcome.streamed(StreamEnding.CLIENT_CANCELLED, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the relay failed", e.getCause());
        }
    }
}
