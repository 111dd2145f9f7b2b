package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Recorded upstream streams are read event by event with the fields an SSE client would see. */
class SseEventReaderFixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsEveryChunkOfAnOpenAiStreamUpToDone() {
        List<SseEvent> events = SseFixtures.readAll(SseFixtures.bytes("openai-chat-stream.sse"));

        assertThat(events).hasSize(7).allSatisfy(event -> assertThat(event.terminated()).isTrue());
        String reply = events.stream().filter(event -> !event.isDone())
                .map(event -> json(event.data()).path("choices").path(0).path("delta").path("content").asText(""))
                .collect(Collectors.joining());
        assertThat(reply).isEqualTo("Hello from Zürich");
        assertThat(json(events.get(5).data()).path("usage").path("total_tokens").asInt()).isEqualTo(12);
        assertThat(events.get(6).isDone()).isTrue();
        assertThat(events.subList(0, 6)).noneMatch(SseEvent::isDone);
    }

    @Test
    void keepsCommentsInTheRawBytesButNotInTheData() {
        List<SseEvent> events = SseFixtures.readAll(SseFixtures.bytes("comments-and-fields.sse"));

        assertThat(events).hasSize(4);
        SseEvent processing = events.get(0);
        assertThat(processing.data()).as("a comment-only block carries no data").isNull();
        assertThat(SseFixtures.text(processing.raw())).isEqualTo(": OPENROUTER PROCESSING\n\n");
        SseEvent withKeepAlive = events.get(2);
        assertThat(withKeepAlive.data()).isEqualTo("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"}}]}");
        assertThat(SseFixtures.text(withKeepAlive.raw())).startsWith(": keep-alive\n");
    }

    @Test
    void readsEventAndIdFieldsWithOrWithoutTheSpaceAfterTheColon() {
        List<SseEvent> events = SseFixtures.readAll(SseFixtures.bytes("comments-and-fields.sse"));

        assertThat(events.get(1).event()).isEqualTo("message");
        assertThat(events.get(1).id()).isEqualTo("evt-41");
        assertThat(events.get(1).data()).as("retry: is not data").startsWith("{\"choices\"");
        assertThat(events.get(3).event()).isEqualTo("done");
        assertThat(events.get(3).id()).isEqualTo("evt-43");
        assertThat(events.get(3).isDone()).isTrue();
        assertThat(events.get(0).event()).isNull();
        assertThat(events.get(0).id()).isNull();
    }

    @Test
    void joinsMultiLineDataWithNewlinesStrippingOneLeadingSpace() {
        List<SseEvent> events = SseFixtures.readAll(SseFixtures.bytes("multiline-data.sse"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).data()).isEqualTo("{\n  \"content\": \"line one\",\n\n  \"more\": \"line two\"\n}");
        assertThat(json(events.get(0).data()).path("more").asText()).isEqualTo("line two");
        assertThat(events.get(1).data()).as("a bare 'data' line is an empty data line")
                .isEqualTo("\n two leading spaces keep one");
    }

    @Test
    void returnsFinalEventWithoutBlankLineAsUnterminated() {
        List<SseEvent> events = SseFixtures.readAll(SseFixtures.bytes("unterminated-final-event.sse"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).terminated()).isTrue();
        assertThat(events.get(1).isDone()).isTrue();
        assertThat(events.get(1).terminated()).isFalse();
    }

    @Test
    void returnsFinalEventCutOffMidLineAsUnterminated() {
        List<SseEvent> events = SseFixtures.readAll("data: {\"partial\":1}\n\ndata: {\"cut".getBytes());

        assertThat(events).hasSize(2);
        assertThat(events.get(1).data()).isEqualTo("{\"cut");
        assertThat(events.get(1).terminated()).isFalse();
    }

    @Test
    void endsCleanlyWhenTheStreamEndsBetweenEvents() {
        assertThat(SseFixtures.readAll(new byte[0])).isEmpty();
        assertThat(SseFixtures.readAll("data: a\n\n\n\n".getBytes())).singleElement()
                .satisfies(event -> assertThat(event.terminated()).isTrue());
    }
}
