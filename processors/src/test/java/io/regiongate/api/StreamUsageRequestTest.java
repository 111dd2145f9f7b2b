package io.regiongate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StreamUsageRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest request(String json) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(json);
        return new ChatRequest(body, body.path("model").asText(), body.path("stream").asBoolean(false));
    }

    @Test
    void asksTheUpstreamForUsageWhenTheClientDidNot() throws Exception {
        ChatRequest request = request("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}");

        assertThat(request.clientWantsUsage()).isFalse();
        assertThat(request.outgoingBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void keepsTheClientsOtherStreamOptionsAndLeavesItsBodyUnchanged() throws Exception {
        String original = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":false,"
                + "\"include_obfuscation\":false},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}";
        ChatRequest request = request(original);

        ObjectNode outgoing = request.outgoingBody();

        assertThat(outgoing.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(outgoing.path("stream_options").path("include_obfuscation").asBoolean(true)).isFalse();
        assertThat(outgoing.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(outgoing.path("messages")).isEqualTo(request.body().path("messages"));
        assertThat(request.body()).isEqualTo(JSON.readTree(original));
        assertThat(request.clientWantsUsage()).isFalse();
    }

    @Test
    void aClientThatAskedForUsageIsToldSo() throws Exception {
        ChatRequest request = request("{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[]}");

        assertThat(request.clientWantsUsage()).isTrue();
        assertThat(request.outgoingBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void leavesAWholeAnswerRequestAsTheClientSentIt() throws Exception {
        ChatRequest request = request("{\"model\":\"gpt-4o\",\"messages\":[]}");

        assertThat(request.outgoingBody()).isSameAs(request.body());
        assertThat(request.outgoingBody().has("stream_options")).isFalse();
    }

    @Test
    void recognisesOnlyTheUsageOnlyChunk() throws Exception {
        assertThat(StreamUsage.isUsageChunk(JSON.readTree("{\"choices\":[],\"usage\":{\"total_tokens\":3}}"))).isTrue();
        assertThat(StreamUsage.isUsageChunk(JSON.readTree(
                "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":{\"total_tokens\":3}}"))).isFalse();
        assertThat(StreamUsage.isUsageChunk(JSON.readTree("{\"choices\":[],\"usage\":null}"))).isFalse();
        assertThat(StreamUsage.isUsageChunk(JSON.readTree("{\"choices\":[]}"))).isFalse();
        assertThat(StreamUsage.isUsageChunk(null)).isFalse();
    }
}
