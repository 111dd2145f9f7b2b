package io.regiongate.flow.stream;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.api.ResponsesEvents;
import io.regiongate.call.AnswerObserver;
import io.regiongate.redaction.StreamTextRedactor;
import io.regiongate.sse.SseChunk;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One relayed stream's state, shared by the steps each event passes through: the client's
 * response (head written with the first event), whether the client has gone, the request's
 * {@link AnswerObserver} that sees each event (quota meter, audit tally), and whether the client
 * asked for the usage chunk.
 *
 * <p>Memory per stream is bounded: the events of one upstream read, plus at most
 * {@value #MAX_QUEUED_BYTES} bytes written but not yet handed to the client's socket. The session
 * counts those bytes itself (each write's completion gives them back); while they are over the
 * limit, {@link #mustWait()} tells the relay to stop reading the upstream until
 * {@link #whenDrained} calls it back. Vert.x's own {@code writeQueueFull()} is not enough: it turns
 * true only once the event loop has processed the writes (measured: 200 stalled clients held
 * 200 MiB of heap). Writes never wait: they run on the client connection's event loop.
 */
public final class StreamSession {

    /** Bytes written to the client's response and not yet on its socket, at most, before the relay stops reading. */
    static final long MAX_QUEUED_BYTES = 64 * 1024;

    private final HttpServerResponse response;
    private final Runnable writeHead;
    private final AnswerObserver answer;
    private final boolean clientWantsUsage;
    private final boolean typedEvents;
    /** A Responses stream's preamble events, written only with its first output event (or never, on failover). */
    private Buffer held;
    private final AtomicBoolean gone = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicReference<Runnable> onDrained = new AtomicReference<>();
    private volatile boolean started;
    private volatile StreamTextRedactor redactor;
    private volatile Runnable abort;
    private volatile long clientTookNanos = System.nanoTime();

    /**
     * @param writeHead        sets status and headers on the response; run once, just before the first event
     * @param answer           shown each event as it arrives, before it is written: what was generated
     *                         is metered even when the client has gone
     * @param clientWantsUsage whether the usage-only chunk is relayed to the client
     */
    public StreamSession(HttpServerResponse response, Runnable writeHead, AnswerObserver answer,
                         boolean clientWantsUsage) {
        this(response, writeHead, answer, clientWantsUsage, false);
    }

    /** @param typedEvents a Responses API stream: typed events, no {@code [DONE]}, a preamble that does not commit it */
    public StreamSession(HttpServerResponse response, Runnable writeHead, AnswerObserver answer,
                         boolean clientWantsUsage, boolean typedEvents) {
        this.response = response;
        this.writeHead = writeHead;
        this.answer = answer;
        this.clientWantsUsage = clientWantsUsage;
        this.typedEvents = typedEvents;
        this.abort = response == null ? () -> { } : response::reset;
    }

    /** How the client is dropped at once ({@link #abort}); by default its response is reset. */
    public void abortWith(Runnable dropTheClient) {
        this.abort = dropTheClient;
    }

    /** Drops the client at once, with whatever is still queued for it: one that takes nothing would never let it out. */
    public void abort() {
        abort.run();
    }

    /** True for a Responses API stream (see {@link io.regiongate.api.ResponsesEvents}). */
    public boolean typedEvents() {
        return typedEvents;
    }

    /**
     * Keeps a preamble event back: it is written just before the first event that is written, so a
     * failure before any output can still fail over, and the client never sees two beginnings.
     */
    public void hold(Buffer bytes) {
        if (held == null) {
            held = Buffer.buffer();
        }
        held.appendBuffer(bytes);
    }

    /** The stream's text goes through {@code redactor} in the transform step (the request's PII redaction). */
    public void redactWith(StreamTextRedactor streamRedactor) {
        this.redactor = streamRedactor;
    }

    /** The stream's redactor; null when the request has no redaction. */
    public StreamTextRedactor redactor() {
        return redactor;
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

    /** The request's observer of what the target answers. */
    public AnswerObserver answer() {
        return answer;
    }

    /** Writes (and flushes) one event; does not wait (see {@link #mustWait()}). */
    public void write(Buffer bytes) {
        if (gone.get() || response.closed()) {
            return;
        }
        if (!started) {
            writeHead.run();
            started = true;
            if (held != null) {
                bytes = held.appendBuffer(bytes);
                held = null;
            }
        }
        int size = bytes.length();
        queuedBytes.addAndGet(size);
        response.write(bytes).onComplete(written -> {
            clientTookNanos = System.nanoTime();
            if (queuedBytes.addAndGet(-size) <= MAX_QUEUED_BYTES) {
                Runnable resume = onDrained.getAndSet(null);
                if (resume != null) {
                    resume.run();
                }
            }
        });
    }

    /** How long since the client's socket last took a write (or since the stream began). */
    long nanosSinceClientTookAnything() {
        return System.nanoTime() - clientTookNanos;
    }

    /** True while more than {@link #MAX_QUEUED_BYTES} wait for the client's socket: read no more. */
    boolean mustWait() {
        return queuedBytes.get() > MAX_QUEUED_BYTES;
    }

    /** Runs {@code resume} once the bytes waiting for the client are back under the limit (at once if they are). */
    void whenDrained(Runnable resume) {
        onDrained.set(resume);
        if (!mustWait()) {
            Runnable now = onDrained.getAndSet(null);
            if (now != null) {
                now.run();
            }
        }
    }

    void writeError(OpenAiError error) {
        if (!response.closed() && !response.ended()) {
            response.write(typedEvents ? ResponsesEvents.errorEvent(error) : OpenAiErrorBody.sseEvent(error));
        }
    }
}
