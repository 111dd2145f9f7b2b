package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body arriving one to three bytes at a time, with events and CRLF pairs split between reads,
 * yields the same events as the whole body, and what is relayed parses to those events again.
 */
class SseEventReaderChunkedReadTest {

    private static final Function<byte[], InputStream> TRICKLE = TrickleInputStream::new;
    private static final Function<byte[], InputStream> BUFFERED_TRICKLE =
            bytes -> new BufferedInputStream(new TrickleInputStream(bytes));

    @ParameterizedTest(name = "{0} with {1}, buffered {2}")
    @CsvSource({
            "openai-chat-stream.sse, LF, false", "openai-chat-stream.sse, LF, true",
            "openai-chat-stream.sse, CRLF, false", "openai-chat-stream.sse, CRLF, true",
            "openai-chat-stream.sse, CR, true",
            "comments-and-fields.sse, LF, true", "comments-and-fields.sse, CRLF, false",
            "comments-and-fields.sse, CRLF, true",
            "multiline-data.sse, CRLF, true", "multiline-data.sse, CR, false",
            "unterminated-final-event.sse, LF, true", "unterminated-final-event.sse, CRLF, true"})
    void readsTheSameEventsAsFromTheWholeBody(String fixture, String ending, boolean buffered) {
        byte[] stream = SseFixtures.withLineEnding(fixture, lineEnding(ending));

        List<SseEvent> trickled = SseFixtures.readAll((buffered ? BUFFERED_TRICKLE : TRICKLE).apply(stream));

        assertThat(SseFixtures.fields(trickled)).isEqualTo(SseFixtures.fields(SseFixtures.readAll(SseFixtures.bytes(fixture))));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "openai-chat-stream.sse, CRLF", "comments-and-fields.sse, CRLF",
            "multiline-data.sse, CRLF", "comments-and-fields.sse, CR"})
    void relayedBytesParseToTheSameEventsAgain(String fixture, String ending) {
        byte[] stream = SseFixtures.withLineEnding(fixture, lineEnding(ending));
        List<SseEvent> trickled = SseFixtures.readAll(BUFFERED_TRICKLE.apply(stream));

        List<SseEvent> reparsed = SseFixtures.readAll(SseFixtures.relayed(trickled));

        assertThat(SseFixtures.fields(reparsed)).isEqualTo(SseFixtures.fields(trickled));
    }

    @ParameterizedTest
    @CsvSource({"openai-chat-stream.sse", "comments-and-fields.sse", "multiline-data.sse"})
    void relaysLfStreamsByteForByteHoweverTheyArrive(String fixture) {
        byte[] stream = SseFixtures.bytes(fixture);

        assertThat(SseFixtures.relayed(SseFixtures.readAll(TRICKLE.apply(stream)))).isEqualTo(stream);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LF", "CRLF", "CR"})
    void readsEventsLargerThanOneReadAndManyEventsPerRead(String ending) {
        String eol = lineEnding(ending);
        String large = "x".repeat(20_000);
        String body = "data: small" + eol + eol + "data: " + large + eol + "data: end" + eol + eol
                + "data: [DONE]" + eol + eol;
        byte[] stream = body.getBytes(StandardCharsets.UTF_8);

        List<SseEvent> events = SseFixtures.readAll(new ByteArrayInputStream(stream));

        assertThat(events).extracting(SseEvent::data).containsExactly("small", large + "\n" + "end", "[DONE]");
        assertThat(SseFixtures.relayed(events)).isEqualTo(stream);
    }

    private static String lineEnding(String name) {
        return switch (name) {
            case "CRLF" -> "\r\n";
            case "CR" -> "\r";
            default -> "\n";
        };
    }
}
