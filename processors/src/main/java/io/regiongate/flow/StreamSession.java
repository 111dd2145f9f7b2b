package io.regiongate.flow;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.sse.SseChunk;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One relayed stream's state, shared by the steps each event passes through: the client's
 * response (head written with the first event, writes paced by the client's reading), whether the
 * client has gone, what observes each event (quota meter, audit tally), and whether the client
 * asked for the usage chunk.
 *
 * <p>Memory per stream is bounded: one event at a time, plus at most {@value #MAX_QUEUED_BYTES}
 * bytes written but not yet handed to the client's socket. The writer counts those bytes itself
 * (each write's completion gives them back) and waits while they are over the limit; the relay does
 * not read the upstream meanwhile. Vert.x's own {@code writeQueueFull()} is not enough: it turns
 * true only once the event loop has processed the writes, and a busy event loop lets a fast
 * upstream queue far more than the limit in its task queue first (measured: 200 stalled clients
 * held 200 MiB of heap).
 */
public final class StreamSession {

    private static final long DRAIN_CHECK_MILLIS = 1000;
    /** Bytes written to the client's response and not yet on its socket, at most, before the writer waits. */
    static final long MAX_QUEUED_BYTES = 64 * 1024;

    private final HttpServerResponse response;
    private final Runnable writeHead;
    private final Consumer<SseChunk> observer;
    private final boolean clientWantsUsage;
    private final AtomicBoolean gone = new AtomicBoolean();
    private final Object queue = new Object();
    private long queuedBytes;
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
        synchronized (queue) {
            queue.notifyAll();
        }
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
        int size = bytes.length();
        synchronized (queue) {
            queuedBytes += size;
        }
        response.write(bytes).onComplete(written -> {
            synchronized (queue) {
                queuedBytes -= size;
                queue.notifyAll();
            }
        });
    }

    void writeError(OpenAiError error) {
        if (!response.closed() && !response.ended()) {
            response.write(OpenAiErrorBody.sseEvent(error));
        }
    }

    /** Waits while more than {@link #MAX_QUEUED_BYTES} are queued for the client, unless it has gone. */
    private void awaitDrain() {
        synchronized (queue) {
            while (queuedBytes > MAX_QUEUED_BYTES && !gone.get() && !response.closed()) {
                try {
                    queue.wait(DRAIN_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
