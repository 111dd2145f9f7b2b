package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is written to the client for an event: the upstream's bytes, closed by a blank line. */
class SseEventWireBytesTest {

    @Test
    void relaysTerminatedEventExactlyAsTheUpstreamSentIt() {
        byte[] upstream = "event: message\r\nid: 7\r\n: note\r\ndata: {\"a\":1}\r\n\r\n".getBytes(StandardCharsets.UTF_8);

        SseEvent event = SseFixtures.readAll(upstream).get(0);

        assertThat(event.raw()).isEqualTo(upstream);
        assertThat(event.wireBytes()).isEqualTo(upstream);
    }

    @Test
    void closesUnterminatedFinalEventSoTheClientDispatchesIt() {
        List<SseEvent> events = SseFixtures.readAll("data: a\n\ndata: [DONE]".getBytes(StandardCharsets.UTF_8));
        SseEvent last = events.get(1);

        assertThat(SseFixtures.text(last.raw())).isEqualTo("data: [DONE]");
        assertThat(SseFixtures.text(last.wireBytes())).isEqualTo("data: [DONE]\n\n");
        assertThat(SseFixtures.readAll(last.wireBytes())).singleElement().satisfies(relayed -> {
            assertThat(relayed.isDone()).isTrue();
            assertThat(relayed.terminated()).isTrue();
        });
    }

    @Test
    void unterminatedEventEndingInANewlineStillReparsesToOneEvent() {
        SseEvent last = SseFixtures.readAll(SseFixtures.bytes("unterminated-final-event.sse")).get(1);

        assertThat(SseFixtures.readAll(last.wireBytes())).singleElement()
                .satisfies(relayed -> assertThat(relayed.isDone()).isTrue());
    }
}
