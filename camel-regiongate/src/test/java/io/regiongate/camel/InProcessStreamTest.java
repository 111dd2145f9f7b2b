package io.regiongate.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessStreamTest {

    private final Vertx vertx = Vertx.vertx();
    private final InProcessStream stream = new InProcessStream(vertx.getOrCreateContext());
    private final HttpServerResponse response = stream.connection().response();

    @AfterEach
    void stop() {
        vertx.close();
    }

    private static Buffer event(String data) {
        return Buffer.buffer("data: " + data + "\n\n");
    }

    @Test
    void eventsComeInOrderAndAWriteCompletesOnlyOnceItsEventWasTaken() throws Exception {
        Future<Void> first = response.write(event("{\"n\":1}"));
        Future<Void> second = response.write(event("{\"n\":2}"));
        response.end();

        assertThat(stream.started()).isDone();
        assertThat(first.isComplete()).as("nobody took the first event yet").isFalse();
        assertThat(stream.next()).isEqualTo("{\"n\":1}");
        first.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(second.isComplete()).isFalse();
        assertThat(stream.next()).isEqualTo("{\"n\":2}");
        assertThat(stream.hasNext()).isFalse();
    }

    @Test
    void theDoneEventIsNotAnElement() {
        response.write(event("{\"n\":1}"));
        response.write(event("[DONE]"));
        response.end();

        assertThat(stream).toIterable().containsExactly("{\"n\":1}");
    }

    @Test
    void anErrorAfterTheFirstEventEndsTheIterationWithARegionGateException() {
        response.write(event("{\"n\":1}"));
        response.write(OpenAiErrorBody.sseEvent(OpenAiError.upstreamError("eu-primary", "the stream broke off")));
        response.end();

        assertThat(stream.next()).isEqualTo("{\"n\":1}");
        assertThatThrownBy(stream::hasNext).isInstanceOfSatisfying(RegionGateException.class,
                failure -> assertThat(failure.status()).isEqualTo(502));
    }

    @Test
    void closingIsTheClientLeavingTheCloseHandlerRunsOnTheStreamsContext() throws Exception {
        CountDownLatch left = new CountDownLatch(1);
        response.closeHandler(ignored -> left.countDown());
        response.write(event("{\"n\":1}"));

        stream.close();

        assertThat(left.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(response.closed()).isTrue();
        assertThat(stream.hasNext()).isFalse();
        assertThat(response.write(event("{\"n\":2}")).failed()).as("a write after the close").isTrue();
    }
}
