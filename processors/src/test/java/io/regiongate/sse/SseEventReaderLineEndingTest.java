package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Servers that end lines with CRLF or a lone CR are read like LF servers, and relayed byte for byte. */
class SseEventReaderLineEndingTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "openai-chat-stream.sse, CRLF", "openai-chat-stream.sse, CR",
            "comments-and-fields.sse, CRLF", "comments-and-fields.sse, CR",
            "multiline-data.sse, CRLF", "multiline-data.sse, CR",
            "unterminated-final-event.sse, CRLF", "unterminated-final-event.sse, CR"})
    void readsTheSameEventsAsWithLf(String fixture, String ending) {
        byte[] stream = SseFixtures.withLineEnding(fixture, ending.equals("CRLF") ? "\r\n" : "\r");

        List<SseEvent> events = SseFixtures.readAll(stream);

        assertThat(SseFixtures.fields(events))
                .isEqualTo(SseFixtures.fields(SseFixtures.readAll(SseFixtures.bytes(fixture))));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "openai-chat-stream.sse, LF", "openai-chat-stream.sse, CRLF", "openai-chat-stream.sse, CR",
            "comments-and-fields.sse, LF", "comments-and-fields.sse, CRLF", "comments-and-fields.sse, CR",
            "unterminated-final-event.sse, CRLF"})
    void rawBytesOfTheEventsAreTheUpstreamsBytes(String fixture, String ending) {
        byte[] stream = SseFixtures.withLineEnding(fixture, switch (ending) {
            case "CRLF" -> "\r\n";
            case "CR" -> "\r";
            default -> "\n";
        });

        assertThat(SseFixtures.concatenatedRaw(SseFixtures.readAll(stream))).isEqualTo(stream);
    }
}
