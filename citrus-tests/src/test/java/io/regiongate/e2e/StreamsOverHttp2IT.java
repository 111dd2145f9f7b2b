package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.config.SimulatorConfig;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.StalledSseClient;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.simulator.SimulatedUpstreamServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upstream with {@code http2: true} gets the gateway's streamed calls over HTTP/2: many streams
 * share one connection (each client still has its own to the gateway), every event arrives in
 * order, and a client that stops reading holds back only its own stream, not the others on the
 * shared connection. The vendor is the simulator with HTTP/2 on (prior knowledge over plain TCP,
 * 100 streams a connection).
 */
class StreamsOverHttp2IT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String PACED_MODEL = "gpt-4o-mini";
    private static final String LARGE_MODEL = "gpt-4o";
    private static final int CONCURRENT_STREAMS = 30;
    /** 40 words 20 ms apart: the streams are open together for most of a second. */
    private static final List<String> PACED_WORDS = words(40, 0);
    /**
     * 2,048 words of 4 KiB, sent as fast as they go: 8 MiB a stream, more than the kernel's socket
     * buffers between the gateway and a client that does not read (tcp_wmem at most 4 MiB), so the
     * gateway stops reading that stream from the vendor and its HTTP/2 window fills.
     */
    private static final List<String> LARGE_WORDS = words(2048, 4090);
    private static final int STALLED_RECEIVE_BUFFER = 8192;

    private static final int PACED_PORT = FreePorts.next();
    private static final int LARGE_PORT = FreePorts.next();
    private static SimulatedUpstreamServer pacedVendor;
    private static SimulatedUpstreamServer largeVendor;

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("streams-over-http2")
            .dependency(StreamsOverHttp2IT::startVendors)
            .tenant(TENANT)
            .upstream(Upstream.servedAt("eu-h2-paced", EU, "http://127.0.0.1:" + PACED_PORT + "/v1")
                    .models(PACED_MODEL).http2())
            .upstream(Upstream.servedAt("eu-h2-large", EU, "http://127.0.0.1:" + LARGE_PORT + "/v1")
                    .models(LARGE_MODEL).responseTimeout(Duration.ofSeconds(90)).http2());

    private final SseClient client = new SseClient();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentStreamsShareOneHttp2ConnectionAndEachArrivesWholeInOrder() throws Exception {
        // given the gateway's HTTP/2 connection to the vendor, opened by a first stream
        assertThat(stream(PACED_MODEL, 0)).isEqualTo(PACED_WORDS);

        // when 30 clients stream at once, each over its own connection to the gateway
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_STREAMS);
        try {
            List<Future<List<String>>> streams = IntStream.rangeClosed(1, CONCURRENT_STREAMS)
                    .mapToObj(i -> clients.submit(() -> stream(PACED_MODEL, i))).toList();

            // then every stream brings every word, in order
            for (Future<List<String>> stream : streams) {
                assertThat(stream.get(60, TimeUnit.SECONDS)).isEqualTo(PACED_WORDS);
            }
        } finally {
            clients.shutdownNow();
        }
        // and the vendor got all 31 over HTTP/2, on the one connection
        assertThat(pacedVendor.http2Requests()).as("requests over HTTP/2").isEqualTo(CONCURRENT_STREAMS + 1);
        assertThat(pacedVendor.http2Connections()).as("HTTP/2 connections").isEqualTo(1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aClientThatStopsReadingHoldsBackOnlyItsOwnStreamOnTheSharedConnection() throws Exception {
        // given a client whose 8 MiB stream is flowing, and who then stops reading
        try (StalledSseClient stalled = StalledSseClient.open(deployment.gateway().port(), TENANT.bearer(),
                body(LARGE_MODEL, 0), STALLED_RECEIVE_BUFFER)) {
            Poll.require(Duration.ofSeconds(30), () -> largeVendor.streamedEvents() > LARGE_WORDS.size() / 4,
                    () -> "the vendor wrote " + largeVendor.streamedEvents() + " events of the stalled stream");

            // when three more clients stream from the same vendor, over the same HTTP/2 connection
            for (int i = 1; i <= 3; i++) {
                // then each gets all of its 8 MiB, in order, while the stalled stream holds its share of the window
                assertThat(stream(LARGE_MODEL, i)).as("stream %d", i).isEqualTo(LARGE_WORDS);
            }
            assertThat(largeVendor.http2Connections()).as("HTTP/2 connections").isEqualTo(1);

            // and the stalled client, reading again, gets its own stream whole and in order too: the gateway
            // ends a stream whose client takes nothing for 30 s, so it arriving whole also shows that the
            // others did not wait for it (with HTTP/2's default connection window they did, until it was cut)
            List<String> stalledEvents = stalled.readAll();
            assertThat(contentOf(stalledEvents)).isEqualTo(LARGE_WORDS);
        }
    }

    /** The words of a streamed answer, in the order their events came, checked to end in [DONE]. */
    private List<String> stream(String model, int i) {
        try (SseClient.Stream stream = client.post(deployment.gateway().uri("/v1/chat/completions"), TENANT.bearer(),
                body(model, i))) {
            assertThat(stream.status()).as("status of stream %d", i).isEqualTo(200);
            return contentOf(stream.readAll().stream().map(SseClient.ReceivedEvent::data).toList());
        }
    }

    private static List<String> contentOf(List<String> events) {
        assertThat(events).as("events").isNotEmpty();
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<String> words = new ArrayList<>();
        for (String data : events.subList(0, events.size() - 1)) {
            JsonNode content = read(data).path("choices").path(0).path("delta").path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                words.add(content.asText().strip());
            }
        }
        return words;
    }

    private static JsonNode read(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + data.substring(0, Math.min(80, data.length())), e);
        }
    }

    private static String body(String model, int i) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream "
                + i + "\"}]}";
    }

    /** {@code count} numbered words, each padded to {@code padding} more characters. */
    private static List<String> words(int count, int padding) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("w%05d", i) + "x".repeat(padding)).toList();
    }

    private static AutoCloseable startVendors() {
        try {
            pacedVendor = new SimulatedUpstreamServer(List.of(PACED_MODEL),
                    new SimulatorConfig(Duration.ofMillis(20), String.join(" ", PACED_WORDS)), true).start(PACED_PORT);
            largeVendor = new SimulatedUpstreamServer(List.of(LARGE_MODEL),
                    new SimulatorConfig(Duration.ZERO, String.join(" ", LARGE_WORDS)), true).start(LARGE_PORT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return () -> {
            pacedVendor.close();
            largeVendor.close();
        };
    }
}
