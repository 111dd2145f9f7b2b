package io.regiongate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.config.SimulatorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in simulated vendor: an OpenAI-compatible HTTP endpoint on 127.0.0.1 that answers
 * {@code POST /v1/chat/completions} with a completion and usage block, or with an SSE stream at the
 * configured pace, and {@code GET /v1/models}. It never calls anything outside the process.
 */
public final class SimulatedUpstreamServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final List<String> models;
    private final SimulatorConfig settings;
    private final AtomicLong completions = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    public SimulatedUpstreamServer(List<String> models, SimulatorConfig settings) {
        this.models = List.copyOf(models);
        this.settings = settings;
    }

    /** Starts listening on 127.0.0.1; {@code port} 0 picks a free one. */
    public SimulatedUpstreamServer start(int port) throws IOException {
        // The JDK server leaves Nagle's algorithm on; with headers and body written apart every
        // answer would wait ~40 ms for the client's delayed ACK. Read once, when the first server starts.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "simulated-upstream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.createContext("/v1/models", this::models);
        server.start();
        return this;
    }

    /** The base URL an OpenAI client would be given, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendError(exchange, OpenAiError.methodNotAllowed(exchange.getRequestMethod(), "/v1/chat/completions"));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                sendError(exchange, OpenAiError.invalidJson("the simulated upstream could not parse it"));
                return;
            }
            String model = request.path("model").asText("");
            if (!models.contains(model)) {
                sendError(exchange, OpenAiError.modelNotFound(model));
                return;
            }
            SimulatedCompletion completion = new SimulatedCompletion(
                    "chatcmpl-sim-" + completions.incrementAndGet(), model,
                    System.currentTimeMillis() / 1000, settings.reply(), request.get("messages"));
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, completion);
            } else {
                send(exchange, 200, "application/json", completion.completionJson());
            }
        }
    }

    private void stream(HttpExchange exchange, SimulatedCompletion completion) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        Duration pace = settings.chunkInterval();
        List<String> events = completion.streamEvents();
        for (int i = 0; i < events.size(); i++) {
            if (i > 0 && !pace.isZero()) {
                pause(pace);
            }
            out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            StringBuilder data = new StringBuilder();
            for (String model : models) {
                if (!data.isEmpty()) {
                    data.append(',');
                }
                data.append(JSON.createObjectNode().put("id", model).put("object", "model")
                        .put("created", 0).put("owned_by", "regiongate-simulator"));
            }
            send(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[" + data + "]}");
        }
    }

    private static void sendError(HttpExchange exchange, OpenAiError error) throws IOException {
        send(exchange, error.status(), "application/json", OpenAiErrorBody.json(error));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void pause(Duration pace) throws IOException {
        try {
            Thread.sleep(pace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("simulated stream interrupted", e);
        }
    }
}
