package io.regiongate.flow.stream;

import io.vertx.core.Context;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * A target's event stream whose head has arrived, paused until the relay reads it: the body of the
 * call step's message for a streamed answer. Its callbacks run on {@link #context()}, the event
 * loop of the client's connection. A paused response still reports a failure at once, so one
 * that comes before the relay takes over is kept for it.
 */
public final class UpstreamEventStream {

    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final Context context;
    private final long silenceTimeoutMillis;
    private Throwable earlyFailure;

    /**
     * Call on the context's thread, as the head arrives.
     *
     * @param silenceTimeoutMillis the longest the target may send nothing while it is read
     */
    UpstreamEventStream(HttpClientRequest request, HttpClientResponse response, Context context,
                        long silenceTimeoutMillis) {
        this.request = request;
        this.response = response;
        this.context = context;
        this.silenceTimeoutMillis = silenceTimeoutMillis;
        response.pause();
        response.exceptionHandler(failure -> earlyFailure = failure);
    }

    public HttpClientResponse response() {
        return response;
    }

    public Context context() {
        return context;
    }

    long silenceTimeoutMillis() {
        return silenceTimeoutMillis;
    }

    /** A failure reported before the relay set its own handlers, or null. */
    Throwable earlyFailure() {
        return earlyFailure;
    }

    /** Closes the connection to the target without reading the rest: the model stops generating. */
    public void abort() {
        request.reset();
    }
}
