package io.regiongate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.sse.SseEvent;
import io.regiongate.sse.SseEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Errors reach clients in OpenAI's shape, so that OpenAI SDKs raise their usual exceptions. */
class OpenAiErrorBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesExactlyErrorWithMessageTypeParamAndCode() throws IOException {
        JsonNode body = JSON.readTree(OpenAiErrorBody.json(OpenAiError.invalidField("messages", "is required")));

        assertThat(body.size()).isEqualTo(1);
        JsonNode error = body.get("error");
        assertThat(error.size()).isEqualTo(4);
        assertThat(error.get("message").asText()).isEqualTo("'messages' is required");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("messages");
        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void writesAbsentParamAsJsonNull() throws IOException {
        JsonNode error = JSON.readTree(OpenAiErrorBody.json(OpenAiError.invalidApiKey())).get("error");

        assertThat(error.has("param")).isTrue();
        assertThat(error.get("param").isNull()).isTrue();
    }

    @Test
    void escapesQuotesInMessages() throws IOException {
        JsonNode error = JSON.readTree(OpenAiErrorBody.json(OpenAiError.modelNotFound("gpt-\"4o\"\n"))).get("error");

        assertThat(error.get("message").asText()).contains("'gpt-\"4o\"\n'");
    }

    @Test
    void endsAStartedStreamWithTheErrorEventThenDone() throws IOException {
        OpenAiError failure = OpenAiError.upstreamError("eu-openai-primary", "connection reset");
        byte[] wire = OpenAiErrorBody.sseEvent(failure).getBytes(StandardCharsets.UTF_8);
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(wire), 65_536);

        SseEvent error = reader.next();
        SseEvent done = reader.next();

        assertThat(error.terminated()).isTrue();
        assertThat(JSON.readTree(error.data()).path("error").path("code").asText()).isEqualTo("upstream_error");
        assertThat(done.isDone()).isTrue();
        assertThat(done.terminated()).isTrue();
        assertThat(reader.next()).isNull();
    }
}
