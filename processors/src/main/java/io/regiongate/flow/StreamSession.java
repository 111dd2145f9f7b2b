package io.regiongate.flow;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.sse.SseChunk;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One relayed stream's state, shared by the steps each event passes through: the client's
 * response (head written with the first event, writes paced by the client's reading), whether the
 * client has gone, what observes each event (quota meter, audit tally), and whether the client
 * asked for the usage chunk.
 *
 * <p>Memory per stream is bounded: one event at a time, plus what Vert.x queues for the client,
 * which the writer never lets grow past the response's write-queue limit: it waits for the queue to
 * drain, and the relay does not read the upstream meanwhile.
 */
public final class StreamSession {

    private static final long DRAIN_CHECK_MILLIS = 1000;

    private final HttpServerResponse response;
    private final Runnable writeHead;
    private final Consumer<SseChunk> observer;
    private final boolean clientWantsUsage;
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile boolean started;

    /**
     * @param writeHead        sets status and headers on the response; run once, just before the first event
     * @param observer         shown each event as it arrives, before it is written: what was generated
     *                         is metered even when the client has gone
     * @param clientWantsUsage whether the usage-only chunk is relayed to the client
     */
    public StreamSession(HttpServerResponse response, Runnable writeHead, Consumer<SseChunk> observer,
                         boolean clientWantsUsage) {
        this.response = response;
        this.writeHead = writeHead;
        this.observer = observer;
        this.clientWantsUsage = clientWantsUsage;
    }

    HttpServerResponse response() {
        return response;
    }

    public boolean clientWantsUsage() {
        return clientWantsUsage;
    }

    /** True once the client's connection closed. */
    public boolean clientGone() {
        return gone.get();
    }

    void clientLeft() {
        gone.set(true);
    }

    /** True once the response head and the first event went to the client: no failover after that. */
    public boolean started() {
        return started;
    }

    /** Shows the event to the meter and the tally. */
    public void observe(SseChunk chunk) {
        observer.accept(chunk);
    }

    /** Writes (and flushes) one event, first waiting while the client's write queue is full. */
    public void write(Buffer bytes) {
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
