package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/responses}, whole and streamed: the typed events are relayed one by one; a stream
 * that breaks after only its preamble ({@code response.created}, {@code response.in_progress}) fails
 * over to the next upstream and the client sees one beginning only; a {@code response.failed} after
 * output reached the client ends its stream there, and the record says the answer is incomplete;
 * usage is taken from {@code response.completed}.
 */
class ResponsesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final HttpServer VENDOR = vendor();
    private static final String VENDOR_URL = "http://127.0.0.1:" + VENDOR.getAddress().getPort();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("responses")
            .tenant(TENANT, "async", "hash")
            .upstream(Upstream.servedAt("eu-preamble-only", EU, VENDOR_URL + "/preamble-only/v1").models("gpt-4o").priority(1))
            .upstream(Upstream.servedAt("eu-good", EU, VENDOR_URL + "/good/v1").models("gpt-4o").priority(2))
            .upstream(Upstream.servedAt("eu-fails-midway", EU, VENDOR_URL + "/fails-midway/v1").models("gpt-fails"));

    @AfterAll
    static void stopVendor() {
        VENDOR.stop(0);
    }

    @Test
    void aWholeResponseIsServedAndItsUsageRecorded() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        deployment.gateway().uri("/v1/responses"))
                .header("Authorization", TENANT.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"input\":\"a private question\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("a good answer");
        JsonNode record = recordOf(answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(record.path("operation").asText()).isEqualTo("responses");
        assertThat(record.path("usage").path("total_tokens").asInt()).isEqualTo(7);
        assertThat(record.path("content").path("completion_sha256").asText()).isEqualTo(sha256Hex("a good answer"));
        assertThat(record.path("upstream").asText()).as("the preamble-only vendor answers whole ones with 500")
                .isEqualTo("eu-good");
    }

    @Test
    void aStreamBrokenAfterItsPreambleFailsOverAndTheClientSeesOneBeginning() {
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String requestId;
        String failover;
        try (SseClient.Stream stream = new SseClient().post(deployment.gateway().uri("/v1/responses"), TENANT.bearer(),
                "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"stream\":true}")) {
            assertThat(stream.status()).isEqualTo(200);
            requestId = stream.header("X-Request-Id").orElseThrow();
            failover = stream.header("X-RegionGate-Failover").orElse("");
            for (SseClient.ReceivedEvent event : stream.readAll()) {
                JsonNode data = json(event.data());
                types.add(data.path("type").asText());
                if ("response.output_text.delta".equals(data.path("type").asText())) {
                    text.append(data.path("delta").asText());
                }
                assertThat(event.raw()).as("the event name stays on the wire").startsWith("event: " + data.path("type").asText());
            }
        }

        assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.delta", "response.completed");
        assertThat(text.toString()).isEqualTo("a good answer");
        assertThat(failover).contains("eu-preamble-only");
        JsonNode record = recordOf(requestId);
        assertThat(record.path("completion").asText()).isEqualTo("complete");
        assertThat(record.path("upstream").asText()).isEqualTo("eu-good");
        assertThat(record.path("content").path("completion_sha256").asText())
                .as("the hash of the streamed text, the same as of a whole answer's").isEqualTo(sha256Hex("a good answer"));
        assertThat(record.path("usage").path("total_tokens").asInt()).as("from response.completed").isEqualTo(7);
    }

    @Test
    void aResponseFailedAfterOutputEndsTheStreamAndTheRecordSaysIncomplete() {
        List<String> types = new ArrayList<>();
        String requestId;
        try (SseClient.Stream stream = new SseClient().post(deployment.gateway().uri("/v1/responses"), TENANT.bearer(),
                "{\"model\":\"gpt-fails\",\"input\":\"hi\",\"stream\":true}")) {
            assertThat(stream.status()).isEqualTo(200);
            requestId = stream.header("X-Request-Id").orElseThrow();
            stream.readAll().forEach(event -> types.add(json(event.data()).path("type").asText()));
        }

        assertThat(types).containsExactly("response.created", "response.output_text.delta", "response.failed");
        JsonNode record = recordOf(requestId);
        assertThat(record.path("completion").asText()).isEqualTo("incomplete");
        assertThat(record.path("upstream").asText()).isEqualTo("eu-fails-midway");
    }

    private static JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode recordOf(String requestId) {
        return AuditFiles.recordOf(deployment.journal(), requestId);
    }

    private static String event(String type, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + fields + "}\n\n";
    }

    private static final String CREATED = event("response.created", ",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}");
    private static final String IN_PROGRESS = event("response.in_progress", ",\"response\":{\"id\":\"resp_1\"}");
    private static final String COMPLETED = event("response.completed", ",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\","
            + "\"usage\":{\"input_tokens\":4,\"output_tokens\":3,\"total_tokens\":7}}");

    private static HttpServer vendor() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/preamble-only/v1/responses", exchange -> {
                if (!JSON.readTree(exchange.getRequestBody().readAllBytes()).path("stream").asBoolean()) {
                    send(exchange, 500, "application/json", "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}", true);
                } else {
                    send(exchange, 200, "text/event-stream", CREATED + IN_PROGRESS, false);
                }
            });
            server.createContext("/good/v1/responses", exchange -> {
                if (!JSON.readTree(exchange.getRequestBody().readAllBytes()).path("stream").asBoolean()) {
                    send(exchange, 200, "application/json", "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
                            + "\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                            + "\"text\":\"a good answer\"}]}],\"usage\":{\"input_tokens\":4,\"output_tokens\":3,\"total_tokens\":7}}", true);
                } else {
                    send(exchange, 200, "text/event-stream", CREATED + IN_PROGRESS
                            + event("response.output_text.delta", ",\"delta\":\"a\"")
                            + event("response.output_text.delta", ",\"delta\":\" good\"")
                            + event("response.output_text.delta", ",\"delta\":\" answer\"") + COMPLETED, true);
                }
            });
            server.createContext("/fails-midway/v1/responses", exchange -> {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 200, "text/event-stream", CREATED + event("response.output_text.delta", ",\"delta\":\"partial\"")
                        + event("response.failed", ",\"response\":{\"id\":\"resp_1\",\"status\":\"failed\"}"), true);
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the body; {@code end} false: a chunked body that ends without the event that ends a response. */
    private static void send(HttpExchange exchange, int status, String type, String body, boolean end) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, end ? bytes.length : 0);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        out.flush();
        if (end) {
            out.close();
        } else {
            exchange.close();
        }
    }
}
