package io.regiongate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.config.SimulatorConfig;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated vendor speaks the OpenAI chat completions API on 127.0.0.1 (a loopback socket test). */
class SimulatedUpstreamServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLY = "Your prompt stayed here";

    private static SimulatedUpstreamServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = new SimulatedUpstreamServer(List.of("gpt-4o", "gpt-4o-mini"), new SimulatorConfig(Duration.ZERO, REPLY))
                .start(0);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpRequest.Builder request(String path) {
        // the timeout only keeps a broken server from hanging the build; nothing asserts on time
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return client.send(request("/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
        InetAddress outside = NetworkInterface.networkInterfaces()
                .filter(network -> isUp(network) && !isLoopback(network))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst().orElse(null);
        assumeTrue(outside != null, "this host has no non-loopback IPv4 address to try");
        try (Socket socket = new Socket()) {
            assertThatIOException().as("a connection to the simulator on %s", outside)
                    .isThrownBy(() -> socket.connect(new InetSocketAddress(outside, server.port()), 5_000));
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void answersACompletionWithUsage() throws Exception {
        HttpResponse<String> response = post("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.path("choices").path(0).path("message").path("content").asText()).isEqualTo(REPLY);
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(1 + 3);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void streamsServerSentEventsEndingInUsageAndDone() throws Exception {
        HttpResponse<InputStream> response = client.send(request("/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<SseEvent> events = new ArrayList<>();
        try (InputStream body = response.body()) {
            SseEventReader reader = new SseEventReader(body, 65_536);
            for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                events.add(event);
            }
        }
        assertThat(events).allSatisfy(event -> assertThat(event.terminated()).isTrue());
        assertThat(events.get(events.size() - 1).isDone()).isTrue();
        JsonNode usage = JSON.readTree(events.get(events.size() - 2).data()).path("usage");
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(4 + 4);
        StringBuilder content = new StringBuilder();
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            content.append(JSON.readTree(event.data()).path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertThat(content).hasToString(REPLY);
    }

    @Test
    void refusesModelItDoesNotServeInOpenAiShape() throws Exception {
        HttpResponse<String> response = post("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void refusesBodyThatIsNotJson() throws Exception {
        HttpResponse<String> response = post("{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("invalid_json");
    }

    @Test
    void refusesGetOnChatCompletions() throws Exception {
        HttpResponse<String> response = client.send(request("/chat/completions").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void answersEmbeddingsOnePerInputInOrderTheSameForTheSameTextWithUsage() throws Exception {
        HttpResponse<String> response = client.send(request("/embeddings").POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"gpt-4o\",\"input\":[\"one two\",\"three\",\"one two\"],\"dimensions\":4}")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("data")).hasSize(3);
        assertThat(body.path("data").get(2).path("index").asInt()).isEqualTo(2);
        assertThat(body.path("data").get(0).path("embedding")).hasSize(4).isEqualTo(body.path("data").get(2).path("embedding"));
        assertThat(body.path("data").get(1).path("embedding")).isNotEqualTo(body.path("data").get(0).path("embedding"));
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void answersUnknownPathWithNotFoundInOpenAiShape() throws Exception {
        HttpResponse<String> response = client.send(request("/images/generations").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void listsItsModels() throws Exception {
        HttpResponse<String> response = client.send(request("/models").GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("id")).containsExactly("gpt-4o", "gpt-4o-mini");
    }
}
