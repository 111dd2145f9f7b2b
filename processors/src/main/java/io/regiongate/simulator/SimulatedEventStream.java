package io.regiongate.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated SSE answer in flight, paced like a vendor: the first event at once, then one per
 * interval on a Vert.x timer (an interval of zero writes them all at once). Each event is one write.
 * While the client's write queue is full the next event waits for it to drain; when the client
 * hangs up the stream stops. Every method runs on the event loop of the request, so the state needs
 * no locking.
 */
final class SimulatedEventStream {

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final List<String> events;
    /** The events are whole SSE events as written on the wire, not only their data. */
    private final boolean wireReady;
    private final long intervalMillis;
    private final AtomicLong eventsWritten;
    private int next;
    private long timer = -1;
    private boolean stopped;

    /** @param eventsWritten counts the events written, with those of the server's other streams */
    SimulatedEventStream(Vertx vertx, HttpServerResponse response, List<String> events, Duration interval,
                         boolean wireReady, AtomicLong eventsWritten) {
        this.vertx = vertx;
        this.response = response;
        this.events = events;
        this.wireReady = wireReady;
        this.eventsWritten = eventsWritten;
        // Vert.x timers count whole milliseconds, at least one
        this.intervalMillis = interval.isZero() ? 0 : Math.max(1, interval.toMillis());
    }

    void start() {
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.closeHandler(closed -> stop());
        response.exceptionHandler(failure -> stop());
        writeEvents();
    }

    private void writeEvents() {
        timer = -1;
        while (!stopped) {
            Buffer event = Buffer.buffer(wireReady ? events.get(next++) : "data: " + events.get(next++) + "\n\n");
            eventsWritten.incrementAndGet();
            if (next == events.size()) {
                stopped = true;
                response.end(event);
                return;
            }
            response.write(event);
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> {
                    response.drainHandler(null);
                    afterInterval();
                });
                return;
            }
            if (intervalMillis > 0) {
                afterInterval();
                return;
            }
        }
    }

    private void afterInterval() {
        if (stopped) {
            return;
        }
        if (intervalMillis == 0) {
            writeEvents();
        } else {
            timer = vertx.setTimer(intervalMillis, fired -> writeEvents());
        }
    }

    private void stop() {
        stopped = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
