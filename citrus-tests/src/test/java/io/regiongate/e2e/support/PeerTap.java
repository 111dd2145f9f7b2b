package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A recording hop in front of a runtime, where a load balancer would stand: every request another
 * runtime sends it is recorded and passed on unchanged, and the answer is streamed back as it
 * arrives. It shows what one region's runtime sent another (and that it sent nothing at all).
 */
public final class PeerTap implements AutoCloseable {

    /** A request as it passed the tap. */
    public record Passed(String method, String path, Map<String, List<String>> headers, String body) {

        /** The first value of a header, by case-insensitive name, or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final Set<String> NOT_PASSED_ON = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<Passed> passed = new CopyOnWriteArrayList<>();

    private PeerTap(HttpServer server, ExecutorService executor, String target) {
        this.server = server;
        this.executor = executor;
        this.target = target;
    }

    /** A tap passing everything on to {@code targetBaseUrl} (e.g. {@code http://127.0.0.1:8081}). */
    public static PeerTap inFrontOf(String targetBaseUrl) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "peer-tap");
                thread.setDaemon(true);
                return thread;
            });
            PeerTap tap = new PeerTap(server, executor, targetBaseUrl);
            server.createContext("/", tap::passOn);
            server.setExecutor(executor);
            server.start();
            return tap;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the peer tap", e);
        }
    }

    /** The URL to configure as the peer's {@code url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Passed> passed() {
        return List.copyOf(passed);
    }

    private void passOn(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        passed.add(new Passed(exchange.getRequestMethod(), uri.getPath(), Map.copyOf(exchange.getRequestHeaders()),
                new String(body, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_PASSED_ON.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        // an exception above drops the caller's connection, as an unreachable runtime behind a balancer would
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_PASSED_ON.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(answer.statusCode(), 0);
        try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
