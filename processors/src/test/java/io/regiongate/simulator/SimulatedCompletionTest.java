package io.regiongate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated vendor answers in OpenAI's shapes, with usage that adds up. */
class SimulatedCompletionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNode MESSAGES = json("""
            [{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello to Zürich"}]
            """);

    private final SimulatedCompletion completion =
            new SimulatedCompletion("chatcmpl-sim-1", "gpt-4o-mini", 1_718_000_000L, "Hello from the simulator", MESSAGES);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void countsPromptWordsPlusThreePerMessageAndReplyWords() {
        assertThat(completion.promptTokens()).isEqualTo((2 + 3) + (4 + 3));
        assertThat(completion.completionTokens()).isEqualTo(4);
    }

    @Test
    void answersAWholeChatCompletionWithConsistentUsage() {
        JsonNode body = json(completion.completionJson());

        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).isEqualTo("chatcmpl-sim-1");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("created").asLong()).isEqualTo(1_718_000_000L);
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello from the simulator");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertUsage(body.path("usage"), 12, 4);
    }

    @Test
    void streamsRoleFirstThenOneChunkPerWordThenStopThenUsageThenDone() {
        List<String> events = completion.streamEvents();

        assertThat(events).hasSize(1 + 4 + 1 + 1 + 1);
        assertThat(json(events.get(0)).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode stop = json(events.get(events.size() - 3));
        assertThat(stop.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = json(events.get(events.size() - 2));
        assertThat(usage.path("choices")).isEmpty();
        assertUsage(usage.path("usage"), 12, 4);
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void streamedContentConcatenatesToTheReply() {
        List<String> events = completion.streamEvents();

        String streamed = events.subList(0, events.size() - 1).stream()
                .map(event -> json(event).path("choices").path(0).path("delta").path("content").asText(""))
                .collect(Collectors.joining());

        assertThat(streamed).isEqualTo(json(completion.completionJson())
                .path("choices").path(0).path("message").path("content").asText());
    }

    @Test
    void everyChunkCarriesTheSameIdModelAndChunkObject() {
        List<String> events = completion.streamEvents();

        assertThat(events.subList(0, events.size() - 1)).allSatisfy(event -> {
            JsonNode chunk = json(event);
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-sim-1");
            assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o-mini");
        });
    }

    @Test
    void countsMessagesWithoutTextContentAsThreeTokens() {
        JsonNode messages = json("""
                [{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x.example/a.png"}}]},
                 {"role":"assistant","content":null,"tool_calls":[]}]
                """);

        assertThat(new SimulatedCompletion("id", "m", 0, "ok", messages).promptTokens()).isEqualTo(6);
        assertThat(new SimulatedCompletion("id", "m", 0, "ok", null).promptTokens()).isZero();
    }

    private static void assertUsage(JsonNode usage, int prompt, int completion) {
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(prompt);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(completion);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
    }
}
