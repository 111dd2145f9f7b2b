package io.regiongate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.config.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator made with HTTP/2 takes it over plain TCP from a client with prior knowledge; made without, it does not. */
class SimulatedUpstreamHttp2Test {

    private static final String MODEL = "gpt-4o-mini";
    private static final String STREAM_BODY =
            "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    // only keeps a broken server from hanging the build; nothing asserts on time
    private static final long GIVE_UP_SECONDS = 60;

    private Vertx vertx;
    private SimulatedUpstreamServer server;

    @BeforeEach
    void startClient() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void streamsOverHttp2ShareOneConnectionAndAreCounted() throws Exception {
        server = new SimulatedUpstreamServer(List.of(MODEL), new SimulatorConfig(Duration.ofMillis(5), "one two three"), true)
                .start(0);
        HttpClient client = http2Client();

        List<Future<String>> streams = IntStream.range(0, 5).mapToObj(i -> stream(client)).toList();
        List<String> bodies = Future.all(streams).toCompletionStage().toCompletableFuture()
                .get(GIVE_UP_SECONDS, TimeUnit.SECONDS).list();

        assertThat(bodies).allSatisfy(body -> assertThat(body).contains("\"content\":\" three\"").endsWith("data: [DONE]\n\n"));
        assertThat(server.http2Requests()).isEqualTo(5);
        assertThat(server.http2Connections()).isEqualTo(1);
        int eventsPerStream = bodies.get(0).split("data: ", -1).length - 1;
        assertThat(server.streamedEvents()).isEqualTo(5L * eventsPerStream);
    }

    @Test
    void withoutHttp2ItRefusesTheHttp2Preface() throws Exception {
        server = new SimulatedUpstreamServer(List.of(MODEL), new SimulatorConfig(Duration.ofMillis(5), "one"), false).start(0);

        assertThatThrownBy(() -> stream(http2Client()).toCompletionStage().toCompletableFuture()
                .get(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(server.http2Requests()).isZero();
    }

    private HttpClient http2Client() {
        return vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setHttp2MaxPoolSize(1));
    }

    private Future<String> stream(HttpClient client) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(server.baseUrl() + "/chat/completions")
                .putHeader("content-type", "application/json");
        return client.request(options)
                .compose(request -> request.send(STREAM_BODY))
                .compose(response -> response.body())
                .map(body -> body.toString());
    }
}
