package io.regiongate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.config.SimulatorConfig;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paced streams of the simulated vendor: many at once each arrive whole and in order; a client hanging up harms no one. */
class SimulatedUpstreamStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-4o-mini";
    private static final String REPLY = IntStream.rangeClosed(1, 20).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    private static final String STREAM_BODY =
            "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    // only keeps a broken server from hanging the build; nothing asserts on time
    private static final long GIVE_UP_SECONDS = 120;

    private static SimulatedUpstreamServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = new SimulatedUpstreamServer(List.of(MODEL), new SimulatorConfig(Duration.ofMillis(5), REPLY)).start(0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twoHundredConcurrentStreamsEachDeliverEveryWordInOrder() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            streams.add(client.sendAsync(streamRequest(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(GIVE_UP_SECONDS, TimeUnit.SECONDS);

        assertThat(streams).allSatisfy(stream -> assertCompleteStream(stream.join()));
    }

    @Test
    void clientsHangingUpMidStreamDoNotKeepLaterStreamsFromCompleting() throws Exception {
        for (int i = 0; i < 20; i++) {
            hangUpAfterFirstEvent();
        }

        HttpResponse<String> later = client.sendAsync(streamRequest(), HttpResponse.BodyHandlers.ofString())
                .get(GIVE_UP_SECONDS, TimeUnit.SECONDS);

        assertCompleteStream(later);
    }

    /** Asks for a stream over a raw socket, reads up to the first event's data, then closes the socket. */
    private static void hangUpAfterFirstEvent() throws IOException {
        byte[] body = STREAM_BODY.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(GIVE_UP_SECONDS));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            while (received.indexOf("data: ") < 0) {
                int b = in.read();
                assertThat(b).as("the stream ended before its first event").isNotEqualTo(-1);
                received.append((char) b);
            }
            assertThat(received).startsWith("HTTP/1.1 200");
        }
    }

    private static HttpRequest streamRequest() {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM_BODY)).build();
    }

    private static void assertCompleteStream(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<SseEvent> events = events(response.body());
        assertThat(events).hasSize(1 + 20 + 1 + 1 + 1);
        assertThat(events).allSatisfy(event -> assertThat(event.terminated()).isTrue());
        assertThat(events.get(events.size() - 1).isDone()).isTrue();
        StringBuilder content = new StringBuilder();
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            content.append(json(event.data()).path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertThat(content).hasToString(REPLY);
    }

    private static List<SseEvent> events(String body) {
        List<SseEvent> events = new ArrayList<>();
        try {
            SseEventReader reader = new SseEventReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 65_536);
            for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                events.add(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
