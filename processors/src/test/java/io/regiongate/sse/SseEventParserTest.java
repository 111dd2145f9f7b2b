package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fed bytes as a non-blocking connection hands them over, the parser hands on each event with the piece that completes it. */
class SseEventParserTest {

    private final SseEventParser parser = new SseEventParser(1024);
    private final List<SseEvent> events = new ArrayList<>();

    @Test
    void handsOnAnEventWithThePieceThatCompletesIt() throws IOException {
        feed("data: {\"a\":");
        feed("1}\n");
        assertThat(events).as("no blank line yet").isEmpty();

        feed("\ndata: sec");

        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}");
        feed("ond\n\ndata: [DONE]\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}", "second", "[DONE]");
    }

    @Test
    void handsOnAnEventEndingInCrAtOnceAndSkipsItsLateLf() throws IOException {
        feed("data: first\r\n\r");
        assertThat(events).extracting(SseEvent::data).containsExactly("first");

        feed("\ndata: second\r\n\r\n");

        assertThat(events).extracting(SseEvent::data).containsExactly("first", "second");
        assertThat(events).allSatisfy(event -> assertThat(event.terminated()).isTrue());
    }

    @Test
    void handsOnWhatWasLeftUnterminatedWhenTheStreamEnds() throws IOException {
        feed("data: whole\n\ndata: {\"cut");

        parser.finish(events::add);

        assertThat(events).extracting(SseEvent::data).containsExactly("whole", "{\"cut");
        assertThat(events.get(1).terminated()).isFalse();
    }

    @Test
    void handsOnNothingAtTheEndOfAStreamThatEndedBetweenEvents() throws IOException {
        feed("data: whole\n\n");

        parser.finish(events::add);

        assertThat(events).hasSize(1);
    }

    private void feed(String piece) throws IOException {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length, events::add);
    }
}
