package io.regiongate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.call.ClientConnection;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A streamed answer handed to an in-process caller as an {@link Iterator} of its events, one event's
 * data (OpenAI's chunk JSON) per element, {@code [DONE]} ending it.
 *
 * <p>The flows relay a stream to the client's Vert.x {@link HttpServerResponse} and take their
 * backpressure from the completion of each write. This class gives them a stand-in for that
 * response ({@link #connection()}): a write puts the event on a queue and completes only when the
 * caller's iterator takes it, so that a caller that reads slowly slows the relay's reading of the
 * vendor just as a slow HTTP client does; {@link #close()} is the client going away (the relay
 * stops the vendor's stream at once); an error the flow writes after the first event ends the
 * iteration with a {@link RegionGateException}. Only the part of the response that the streaming
 * steps use is there; anything else is refused.
 */
final class InProcessStream implements Iterator<String>, Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EVENT_BYTES = 1 << 20;

    private interface Item {
    }

    private record Event(String data, Promise<Void> taken) implements Item {
    }

    private record End() implements Item {
    }

    private record Failure(RegionGateException error) implements Item {
    }

    private final Context context;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private final HttpServerResponse response;
    private volatile boolean headWritten;
    private volatile boolean ended;
    private volatile boolean closed;
    private volatile Handler<Void> closeHandler;
    /** The caller's side: the next element, and whether the iteration is over. */
    private String next;
    private boolean finished;

    /** @param context the event loop the stream is relayed on (the vendor call and every write run there) */
    InProcessStream(Context context) {
        this.context = context;
        this.response = (HttpServerResponse) Proxy.newProxyInstance(HttpServerResponse.class.getClassLoader(),
                new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> respond(proxy, method.getName(), args));
    }

    /** The connection the flow's first step takes for this call. */
    ClientConnection connection() {
        return new ClientConnection(response, context);
    }

    /** Completes once the stream's head and first event were written: from then on it is the answer. */
    CompletableFuture<Void> started() {
        return started;
    }

    /** The headers the flow wrote with the head (request id, region, upstream, ...). */
    MultiMap headers() {
        return headers;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new RegionGateException(499, "invalid_request_error", "client_cancelled",
                    "interrupted while waiting for the next event", requestId());
        }
        if (item instanceof Event event) {
            next = event.data();
            context.runOnContext(ignored -> event.taken().tryComplete());
            return true;
        }
        finished = true;
        if (item instanceof Failure failure) {
            throw failure.error();
        }
        return false;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        String taken = next;
        next = null;
        return taken;
    }

    /** The caller stops reading: the relay stops the vendor's stream; what was generated is charged. */
    @Override
    public void close() {
        finished = true;
        next = null;
        if (!closed) {
            closed = true;
            Handler<Void> handler = closeHandler;
            if (handler != null) {
                context.runOnContext(ignored -> handler.handle(null));
            }
        }
        // writes waiting to be taken will never be: let the relay go on to its end
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(item -> {
            if (item instanceof Event event) {
                context.runOnContext(ignored -> event.taken().tryComplete());
            }
        });
    }

    private Object respond(Object proxy, String method, Object[] args) {
        switch (method) {
            case "write" -> {
                return write(args[0] instanceof Buffer buffer ? buffer : Buffer.buffer((String) args[0]));
            }
            case "end" -> {
                if (args != null && args.length > 0 && !(args[0] instanceof Handler)) {
                    write(args[0] instanceof Buffer buffer ? buffer : Buffer.buffer((String) args[0]));
                }
                if (!ended) {
                    ended = true;
                    queue.add(new End());
                }
                started.complete(null);
                return Future.succeededFuture();
            }
            case "reset" -> {
                // the relay gave up on a caller that took nothing for the client stall timeout
                if (!ended) {
                    ended = true;
                    queue.add(new Failure(new RegionGateException(504, "timeout", "client_stalled",
                            "the stream was ended: its events were not taken within the client stall timeout", requestId())));
                }
                closed = true;
                return true;
            }
            case "closeHandler" -> {
                closeHandler = castHandler(args[0]);
                return proxy;
            }
            case "setStatusCode", "setChunked" -> {
                return proxy;
            }
            case "putHeader" -> {
                headers.set(String.valueOf(args[0]), String.valueOf(args[1]));
                return proxy;
            }
            case "headers" -> {
                return headers;
            }
            case "closed" -> {
                return closed;
            }
            case "ended" -> {
                return ended;
            }
            case "headWritten" -> {
                return headWritten;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "toString" -> {
                return "in-process stream of request " + requestId();
            }
            default -> throw new UnsupportedOperationException("an in-process stream has no " + method);
        }
    }

    /** The request's id, once the head was written with it. */
    private String requestId() {
        return headers.get(GatewayHeaders.REQUEST_ID);
    }

    /** One write of the relay: one event, or (an error at the end) an error event and [DONE]. */
    private Future<Void> write(Buffer bytes) {
        if (closed) {
            return Future.failedFuture("the caller has stopped reading");
        }
        headWritten = true;
        List<SseEvent> events = new ArrayList<>();
        try {
            SseEventParser parser = new SseEventParser(MAX_EVENT_BYTES);
            parser.feed(bytes.getBytes(), 0, bytes.length(), events::add);
            parser.finish(events::add);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        Promise<Void> taken = Promise.promise();
        boolean queued = false;
        for (SseEvent event : events) {
            String data = event.data();
            if (data == null || event.isDone()) {
                continue;
            }
            RegionGateException error = errorIn(data);
            if (error != null) {
                queue.add(new Failure(error));
            } else {
                queue.add(new Event(data, taken));
                queued = true;
            }
        }
        started.complete(null);
        if (!queued) {
            taken.complete();
        }
        return taken.future();
    }

    /** An error event ({@code {"error": {...}}}) as the exception that ends the iteration; null for a chunk. */
    private RegionGateException errorIn(String data) {
        try {
            JsonNode json = JSON.readTree(data);
            if (json != null && json.has("error") && !json.has("choices")) {
                return RegionGateException.of(OpenAiErrorBody.parse(502, data.getBytes(StandardCharsets.UTF_8)),
                        requestId());
            }
        } catch (IOException e) {
            // not JSON: passed on as it came
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Handler<Void> castHandler(Object handler) {
        return (Handler<Void>) handler;
    }
}
