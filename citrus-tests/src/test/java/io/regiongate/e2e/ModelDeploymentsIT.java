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
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients name a logical model; each upstream calls it what its endpoint does. An {@code azure-openai}
 * upstream is called at {@code /openai/deployments/<deployment>/...?api-version=...} with its key in
 * {@code api-key} (never {@code Authorization}), for whole answers, streams and embeddings; the
 * answer's {@code model} is what the vendor said, and the record keeps both names.
 */
class ModelDeploymentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String API_VERSION = "2024-10-21";
    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private static final HttpServer AZURE = azureStandIn();
    private static final Upstream AZURE_UPSTREAM = Upstream.servedAt("eu-azure", EU,
                    "http://127.0.0.1:" + AZURE.getAddress().getPort())
            .models("gpt-4o", "text-embedding-3-small").azure(API_VERSION)
            .deployment("gpt-4o", "gpt4o-eu-prod").deployment("text-embedding-3-small", "embed-eu");

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("model-deployments")
            .tenant(TENANT, "async", "hash")
            .upstream(AZURE_UPSTREAM);

    /** What the stand-in Azure resource received. */
    record Seen(String path, String query, String apiKey, String authorization, JsonNode body) {
    }

    @AfterAll
    static void stopVendor() {
        AZURE.stop(0);
    }

    @Test
    void aWholeAnswerIsAskedOfTheDeploymentAndTheRecordKeepsBothNames() throws Exception {
        SEEN.clear();
        HttpResponse<String> answer = post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("model").asText()).as("what the vendor said")
                .isEqualTo("gpt-4o-2024-08-06");
        Seen seen = SEEN.get(0);
        assertThat(seen.path()).isEqualTo("/openai/deployments/gpt4o-eu-prod/chat/completions");
        assertThat(seen.query()).isEqualTo("api-version=" + API_VERSION);
        assertThat(seen.apiKey()).isEqualTo(AZURE_UPSTREAM.key());
        assertThat(seen.authorization()).as("no bearer credential goes to Azure").isNull();
        assertThat(seen.body().path("model").asText()).isEqualTo("gpt4o-eu-prod");
        JsonNode record = recordOf(answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(record.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(record.path("upstream_model").asText()).isEqualTo("gpt4o-eu-prod");
    }

    @Test
    void aStreamIsAskedOfTheDeploymentToo() throws Exception {
        SEEN.clear();
        StringBuilder text = new StringBuilder();
        try (SseClient.Stream stream = new SseClient().post(deployment.gateway().uri("/v1/chat/completions"), TENANT.bearer(),
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            assertThat(stream.status()).isEqualTo(200);
            for (SseClient.ReceivedEvent event : stream.readAll()) {
                if (event.data().startsWith("{")) {
                    JsonNode chunk = JSON.readTree(event.data());
                    chunk.path("choices").forEach(choice -> text.append(choice.path("delta").path("content").asText("")));
                }
            }
        }

        assertThat(text.toString()).isEqualTo("streamed from Azure");
        assertThat(SEEN.get(0).path()).isEqualTo("/openai/deployments/gpt4o-eu-prod/chat/completions");
        assertThat(SEEN.get(0).query()).isEqualTo("api-version=" + API_VERSION);
    }

    @Test
    void embeddingsAreAskedOfTheirOwnDeployment() throws Exception {
        SEEN.clear();
        HttpResponse<String> answer = post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(SEEN.get(0).path()).isEqualTo("/openai/deployments/embed-eu/embeddings");
        assertThat(SEEN.get(0).body().path("model").asText()).isEqualTo("embed-eu");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(deployment.gateway().uri(path))
                .header("Authorization", TENANT.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode recordOf(String requestId) {
        return AuditFiles.recordOf(deployment.journal(), requestId);
    }

    private static HttpServer azureStandIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ModelDeploymentsIT::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String path = exchange.getRequestURI().getPath();
        SEEN.add(new Seen(path, exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("api-key"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        String reply;
        String type = "application/json";
        if (path.endsWith("/embeddings")) {
            reply = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.6,0.8]}],"
                    + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
        } else if (body.path("stream").asBoolean()) {
            type = "text/event-stream";
            reply = String.join("", VendorReplies.streamEvents("chatcmpl-az", List.of("streamed", "from", "Azure")));
        } else {
            reply = VendorReplies.completionJson("chatcmpl-az", "answered by Azure").replace("\"gpt-4o\"", "\"gpt-4o-2024-08-06\"");
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
