package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A simulated LLM vendor on 127.0.0.1 whose every endpoint behaves on its own, as one scenario
 * needs: it answers with an error status, hangs, streams at its own pace, or breaks off. Each
 * behaviour is mounted under its own base URL ({@code http://127.0.0.1:<port>/<name>/v1}), so one
 * vendor process serves all the upstreams of a gateway configuration.
 *
 * <p>It notes only how many requests each endpoint received, and when: what the behaviours are
 * judged by (a breaker opening, a cooldown, a stream broken off). What a vendor received, its body
 * and headers, is asserted on a Citrus {@code HttpServer} instead (see {@link Deployment}).
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** The exchange attribute that holds the request body for behaviours that depend on it. */
    private static final String BODY_ATTRIBUTE = "scripted-upstream.request-body";
    /** The exchange attribute that holds the vendor's closing latch, for behaviours that wait. */
    private static final String CLOSING_ATTRIBUTE = "scripted-upstream.closing";

    /** That an endpoint received a request, with which method, and when (in {@link System#nanoTime()}). */
    public record ReceivedRequest(String endpoint, String method, long receivedAtNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private ScriptedUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ScriptedUpstream start() {
        try {
            return serving(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 64));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted upstream", e);
        }
    }

    /** A vendor answering over HTTPS with the key and certificate of {@code keyStore} (PKCS12). */
    public static ScriptedUpstream startTls(Path keyStore, char[] password) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, password);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return serving(server);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the scripted TLS upstream", e);
        }
    }

    private static ScriptedUpstream serving(HttpServer server) {
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "scripted-upstream");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new ScriptedUpstream(server, executor);
    }

    /** Mounts a behaviour at {@code /<name>/v1/chat/completions} and returns its base URL. */
    public String endpoint(String name, HttpHandler behaviour) {
        server.createContext("/" + name + "/v1/chat/completions", exchange -> {
            received.add(new ReceivedRequest(name, exchange.getRequestMethod(), System.nanoTime()));
            exchange.setAttribute(BODY_ATTRIBUTE, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.setAttribute(CLOSING_ATTRIBUTE, closing);
            behaviour.handle(exchange);
            // closed only when the behaviour ends normally: after an exception the JDK server drops
            // the connection as it is, without ending the body
            exchange.close();
        });
        return baseUrl(name);
    }

    public String baseUrl(String name) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/v1";
    }

    /** How many requests all endpoints received. */
    public int count() {
        return received.size();
    }

    /** The requests one endpoint (one upstream of the configuration) received, in order. */
    public List<ReceivedRequest> received(String endpoint) {
        return received.stream().filter(request -> request.endpoint().equals(endpoint)).toList();
    }

    /** How many requests one endpoint received. */
    public int count(String endpoint) {
        return received(endpoint).size();
    }

    /** Answers with a status and a JSON body, as a vendor's error or a whole completion. */
    /** The body of the request being answered, for behaviours that look at what the vendor received. */
    public static String requestBody(HttpExchange exchange) {
        return String.valueOf(exchange.getAttribute(BODY_ATTRIBUTE));
    }

    public static HttpHandler answering(int status, String json, Map<String, String> headers) {
        return exchange -> {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** Never answers (not even headers) until its vendor is closed or {@code atMost} passed. */
    public static HttpHandler hanging(Duration atMost) {
        return exchange -> awaitClosing(exchange, atMost);
    }

    /**
     * Answers as {@code then} does, but only after {@code delay}: a slow vendor. Gives up silently
     * when its vendor is closed first.
     */
    public static HttpHandler after(Duration delay, HttpHandler then) {
        return exchange -> {
            if (!awaitClosing(exchange, delay)) {
                then.handle(exchange);
            }
        };
    }

    /**
     * Starts a 200 event stream at once, then stays silent for {@code stall} before it sends these
     * events: a vendor that accepted the call but produces nothing.
     */
    public static HttpHandler stallingBeforeFirstEvent(Duration stall, List<String> events) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().flush();
            if (!awaitClosing(exchange, stall)) {
                writeEvents(exchange, events);
            }
        };
    }

    /**
     * Starts a 200 event stream with the {@code head} events at once, then holds the stream open
     * until {@code release} is counted down (or {@code atMost} passed, or this vendor closes), then
     * sends the {@code tail} events and ends the body: many streams in flight at the same time.
     */
    public static HttpHandler holdingAfter(List<String> head, CountDownLatch release, Duration atMost, List<String> tail) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            writeEvents(exchange, head);
            try {
                if (!release.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the held stream was not released within " + atMost);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the held stream was interrupted", e);
            }
            writeEvents(exchange, tail);
        };
    }

    /** Streams these events at once and ends the body cleanly (include {@code [DONE]} to be whole). */
    public static HttpHandler streaming(List<String> events) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            writeEvents(exchange, events);
        };
    }

    private static void writeEvents(HttpExchange exchange, List<String> events) throws IOException {
        for (String event : events) {
            exchange.getResponseBody().write(event.getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        }
    }

    /**
     * Answers as a vendor does: a stream when the request asked for {@code "stream": true}, a whole
     * completion otherwise.
     */
    public static HttpHandler byStreamFlag(HttpHandler whole, HttpHandler stream) {
        return exchange -> {
            String body = String.valueOf(exchange.getAttribute(BODY_ATTRIBUTE));
            if (body.replace(" ", "").contains("\"stream\":true")) {
                stream.handle(exchange);
            } else {
                whole.handle(exchange);
            }
        };
    }

    /**
     * Starts a 200 event stream, sends these events, then drops the connection without the
     * chunked body's end: what a vendor crash or a network cut looks like to the gateway.
     */
    public static HttpHandler breakingOffAfter(List<String> events) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            writeEvents(exchange, events);
            // an exception out of the handler makes the JDK server close the socket as it is
            throw new IOException("the scripted upstream breaks the stream off");
        };
    }

    /**
     * Streams these events at once (with {@code [DONE]}: a whole stream), then never ends its answer:
     * it writes a comment line every 200 ms until a write fails, when {@code closedAt} gets the time
     * ({@link System#nanoTime()}), or until {@code atMost} passed, when it fails.
     */
    public static HttpHandler keepingOpenAfter(List<String> events, CompletableFuture<Long> closedAt, Duration atMost) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            writeEvents(exchange, events);
            long deadline = System.nanoTime() + atMost.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(200);
                    writeEvents(exchange, List.of(": still here\n\n"));
                }
                closedAt.completeExceptionally(new IllegalStateException("the answer was never closed"));
            } catch (IOException closed) {
                closedAt.complete(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closedAt.completeExceptionally(e);
            }
        };
    }

    /** Starts a 200 event stream, sends these events and ends the body cleanly, without [DONE]. */
    public static HttpHandler endingWithoutDone(List<String> events) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            writeEvents(exchange, events);
        };
    }

    /** @return true when the exchange's vendor was closed before {@code atMost} passed */
    private static boolean awaitClosing(HttpExchange exchange, Duration atMost) {
        try {
            return ((CountDownLatch) exchange.getAttribute(CLOSING_ATTRIBUTE)).await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
