package io.regiongate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A valid chat completion request is accepted and reaches the upstream as the client wrote it. */
class ChatRequestAcceptanceTest {

    private final ChatRequestParser parser = new ChatRequestParser(1_048_576);

    private ChatRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsModelAndMessages() {
        ChatRequest request = parse("""
                {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}
                """);

        assertThat(request.model()).isEqualTo("gpt-4o-mini");
        assertThat(request.body().get("messages")).hasSize(2);
        assertThat(request.stream()).isFalse();
    }

    @Test
    void preservesFieldsTheGatewayDoesNotKnow() {
        ChatRequest request = parse("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hi","name":"ana"}],
                 "temperature":0.2,"response_format":{"type":"json_object"},"tools":[{"type":"function"}],
                 "x-vendor-extension":{"deep":[1,2,3]},"stream_options":{"include_usage":true}}
                """);

        assertThat(request.body().get("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(request.body().path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(request.body().path("x-vendor-extension").path("deep")).hasSize(3);
        assertThat(request.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(request.body().path("messages").get(0).path("name").asText()).isEqualTo("ana");
    }

    @Test
    void streamsOnlyWhenStreamIsTrue() {
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"stream\":true}").stream()).isTrue();
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"stream\":false}").stream()).isFalse();
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}").stream()).isFalse();
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"stream\":null}").stream()).isFalse();
    }

    @Test
    void acceptsBodyOfExactlyTheLimit() {
        String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}";
        ChatRequestParser exact = new ChatRequestParser(json.getBytes(StandardCharsets.UTF_8).length);

        assertThat(exact.parse(json.getBytes(StandardCharsets.UTF_8)).model()).isEqualTo("m");
    }

    @Test
    void acceptsTheLongestModelNameAndTheLargestTokenLimitsAndChoices() {
        String model = "ft:gpt-4o:acme:" + "x".repeat(ChatRequestParser.MAX_MODEL_LENGTH - 15);

        ChatRequest request = parse("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\"}],"
                + "\"max_tokens\":1048576,\"max_completion_tokens\":1,\"n\":128}");

        assertThat(request.model()).hasSize(ChatRequestParser.MAX_MODEL_LENGTH).isEqualTo(model);
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"max_tokens\":100.0,\"n\":null}")
                .body().get("max_tokens").asLong()).isEqualTo(100);
    }
}
