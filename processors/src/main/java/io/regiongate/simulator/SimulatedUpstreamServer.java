package io.regiongate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.config.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in simulated vendor: an OpenAI-compatible HTTP endpoint on 127.0.0.1 that answers
 * {@code POST /v1/chat/completions} with a completion and usage block, or with an SSE stream at the
 * configured pace, and {@code GET /v1/models}. It never calls anything outside the process.
 *
 * <p>It is non-blocking (its own small Vert.x instance, one event loop, a timer per streamed event)
 * so that the stream benchmark can hold thousands of concurrent streams on two cores without a
 * thread per stream and while leaving the CPU to the gateway being measured.
 *
 * <p>It speaks HTTP/1.1, like a vendor behind its load balancer; made with {@code http2}, it also
 * takes HTTP/2 over plain TCP from clients that start with the HTTP/2 preface (prior knowledge), at
 * most 100 streams a connection, as such vendors' front ends announce.
 */
public final class SimulatedUpstreamServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedUpstreamServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    private static final String MODELS = "/v1/models";
    private static final String EMBEDDINGS = "/v1/embeddings";
    private static final String RESPONSES = "/v1/responses";
    /** The largest request body read; a larger one is refused with 413. */
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final int ACCEPT_BACKLOG = 4096;
    private static final long START_STOP_TIMEOUT_SECONDS = 30;

    private final List<String> models;
    private final SimulatorConfig settings;
    private final boolean http2;
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong http2Requests = new AtomicLong();
    private final AtomicLong http2ConnectionsSeen = new AtomicLong();
    private final Set<HttpConnection> openHttp2Connections = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final AtomicLong streamedEvents = new AtomicLong();
    private Vertx vertx;
    private HttpServer server;

    public SimulatedUpstreamServer(List<String> models, SimulatorConfig settings) {
        this(models, settings, false);
    }

    /** @param http2 also take HTTP/2 over plain TCP (prior knowledge) */
    public SimulatedUpstreamServer(List<String> models, SimulatorConfig settings, boolean http2) {
        this.models = List.copyOf(models);
        this.settings = settings;
        this.http2 = http2;
    }

    /** Starts listening on 127.0.0.1; {@code port} 0 picks a free one. Returns once it listens. */
    public SimulatedUpstreamServer start(int port) throws IOException {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                // nothing here blocks: on a busy two-core box the checker would only report GC pauses
                .setBlockedThreadCheckInterval(1).setBlockedThreadCheckIntervalUnit(TimeUnit.HOURS)
                // it serves no files: no classpath extraction into a cache directory
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false)));
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setAcceptBacklog(ACCEPT_BACKLOG)
                .setTcpNoDelay(true)
                // HTTP/1.1 only unless asked: no h2c upgrade for clients that offer it
                .setHttp2ClearTextEnabled(http2)
                .setHandle100ContinueAutomatically(true);
        try {
            server = await(vertx.createHttpServer(options).requestHandler(this::handle).listen());
        } catch (IOException e) {
            close();
            throw new IOException("the simulated upstream cannot listen on 127.0.0.1:" + port, e.getCause());
        }
        return this;
    }

    /** The base URL an OpenAI client would be given, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.actualPort();
    }

    /** Requests that came over HTTP/2. */
    public long http2Requests() {
        return http2Requests.get();
    }

    /** HTTP/2 connections that carried a request, open or since closed. */
    public long http2Connections() {
        return http2ConnectionsSeen.get();
    }

    /** SSE events written to streamed answers, all streams together. */
    public long streamedEvents() {
        return streamedEvents.get();
    }

    /** Stops listening and closes every connection, open streams included. */
    @Override
    public void close() {
        if (vertx != null) {
            try {
                await(vertx.close());
            } catch (IOException e) {
                LOG.warn("The simulated upstream did not close cleanly", e.getCause());
            }
            vertx = null;
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            countHttp2(request.connection());
        }
        String path = request.path() == null ? "" : request.path();
        switch (path) {
            case CHAT_COMPLETIONS -> {
                if (request.method() != HttpMethod.POST) {
                    sendError(request.response(), OpenAiError.methodNotAllowed(request.method().name(), CHAT_COMPLETIONS));
                } else {
                    readBody(request, body -> chatCompletion(request.response(), body));
                }
            }
            case RESPONSES -> {
                if (request.method() != HttpMethod.POST) {
                    sendError(request.response(), OpenAiError.methodNotAllowed(request.method().name(), RESPONSES));
                } else {
                    readBody(request, body -> response(request.response(), body));
                }
            }
            case EMBEDDINGS -> {
                if (request.method() != HttpMethod.POST) {
                    sendError(request.response(), OpenAiError.methodNotAllowed(request.method().name(), EMBEDDINGS));
                } else {
                    readBody(request, body -> embeddings(request.response(), body));
                }
            }
            case MODELS -> {
                if (request.method() != HttpMethod.GET) {
                    sendError(request.response(), OpenAiError.methodNotAllowed(request.method().name(), MODELS));
                } else {
                    send(request.response(), 200, modelList());
                }
            }
            default -> sendError(request.response(), OpenAiError.notFound(path));
        }
    }

    private void countHttp2(HttpConnection connection) {
        http2Requests.incrementAndGet();
        if (openHttp2Connections.add(connection)) {
            http2ConnectionsSeen.incrementAndGet();
            connection.closeHandler(closed -> openHttp2Connections.remove(connection));
        }
    }

    /** Hands the whole body to {@code then}, or answers 413 and hangs up once it passes the limit. */
    private static void readBody(HttpServerRequest request, Handler<Buffer> then) {
        if (declaredLength(request) > MAX_BODY_BYTES) {
            refuseTooLarge(request);
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                request.handler(null).endHandler(null);
                refuseTooLarge(request);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> then.handle(body));
    }

    /** The Content-Length the client announced, or -1. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuseTooLarge(HttpServerRequest request) {
        // the rest of the body is not worth reading: answer, then hang up
        HttpServerResponse response = request.response();
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        sendError(response, OpenAiError.bodyTooLarge(MAX_BODY_BYTES))
                .onComplete(sent -> request.connection().close());
    }

    /** The request's JSON when it names a model served here; else the error is answered and null returned. */
    private JsonNode servableRequest(HttpServerResponse response, Buffer body) {
        JsonNode request;
        try {
            request = JSON.readTree(body.getBytes());
        } catch (IOException e) {
            sendError(response, OpenAiError.invalidJson("the simulated upstream could not parse it"));
            return null;
        }
        String model = request.path("model").asText("");
        if (!models.contains(model)) {
            sendError(response, OpenAiError.modelNotFound(model));
            return null;
        }
        return request;
    }

    private void chatCompletion(HttpServerResponse response, Buffer body) {
        JsonNode request = servableRequest(response, body);
        if (request == null) {
            return;
        }
        String model = request.path("model").asText();
        SimulatedCompletion completion = new SimulatedCompletion(
                "chatcmpl-sim-" + completions.incrementAndGet(), model,
                System.currentTimeMillis() / 1000, settings.reply(), request.get("messages"));
        if (request.path("stream").asBoolean(false)) {
            new SimulatedEventStream(vertx, response, completion.streamEvents(), settings.chunkInterval(), false,
                    streamedEvents).start();
        } else {
            send(response, 200, completion.completionJson());
        }
    }

    private void response(HttpServerResponse response, Buffer body) {
        JsonNode request = servableRequest(response, body);
        if (request == null) {
            return;
        }
        String model = request.path("model").asText();
        JsonNode input = request.path("input");
        int inputTokens = input.isTextual() ? input.asText().trim().split("\\s+").length : input.toString().split("\\s+").length;
        SimulatedResponse answer = new SimulatedResponse("sim" + completions.incrementAndGet(), model,
                System.currentTimeMillis() / 1000, settings.reply(), inputTokens);
        if (request.path("stream").asBoolean(false)) {
            new SimulatedEventStream(vertx, response, answer.streamEvents(), settings.chunkInterval(), true,
                    streamedEvents).start();
        } else {
            send(response, 200, answer.responseJson());
        }
    }

    private void embeddings(HttpServerResponse response, Buffer body) {
        JsonNode request = servableRequest(response, body);
        if (request == null) {
            return;
        }
        String model = request.path("model").asText();
        send(response, 200, SimulatedEmbeddings.answer(model, request));
    }

    private String modelList() {
        StringBuilder data = new StringBuilder();
        for (String model : models) {
            if (!data.isEmpty()) {
                data.append(',');
            }
            data.append(JSON.createObjectNode().put("id", model).put("object", "model")
                    .put("created", 0).put("owned_by", "regiongate-simulator"));
        }
        return "{\"object\":\"list\",\"data\":[" + data + "]}";
    }

    private static Future<Void> sendError(HttpServerResponse response, OpenAiError error) {
        return send(response, error.status(), OpenAiErrorBody.json(error));
    }

    private static Future<Void> send(HttpServerResponse response, int status, String json) {
        return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }

    /** Waits for a Vert.x future from outside the event loop; its failure comes back as the cause of an IOException. */
    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("timed out after " + START_STOP_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
