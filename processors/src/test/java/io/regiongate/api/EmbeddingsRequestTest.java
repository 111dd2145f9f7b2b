package io.regiongate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An embeddings body in any of OpenAI's input forms is accepted whole; anything RegionGate could
 * not count or route is 400 naming the field, and one too large is 413, before any upstream call.
 */
class EmbeddingsRequestTest {

    private static final int LIMIT = 4096;

    private final EmbeddingsRequestParser parser = new EmbeddingsRequestParser(LIMIT);

    private ChatRequest parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private OpenAiError refusalOf(String body) {
        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> parse(body));
        assertThat(refusal).as("must be refused: %s", body).isNotNull();
        return refusal.error();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"e\",\"input\":\"hello\"}",
            "{\"model\":\"e\",\"input\":[\"one\",\"two\"]}",
            "{\"model\":\"e\",\"input\":[1,2,3]}",
            "{\"model\":\"e\",\"input\":[[1,2],[3]]}",
            "{\"model\":\"e\",\"input\":\"x\",\"dimensions\":256,\"encoding_format\":\"base64\",\"user\":\"u1\"}",
            "{\"model\":\"e\",\"input\":\"x\",\"stream\":false}"})
    void acceptsEveryInputFormOfOpenAisApiAndKeepsUnknownFields(String body) {
        ChatRequest request = parse(body);

        assertThat(request.operation()).isEqualTo(ApiOperation.EMBEDDINGS);
        assertThat(request.model()).isEqualTo("e");
        assertThat(request.stream()).isFalse();
        assertThat(request.body().toString()).isEqualTo(body.replace(" ", ""));
        assertThat(request.promptPart()).isEqualTo(request.body().get("input"));
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"input":"x"}                                          | model
            {"model":"e"}                                          | input
            {"model":"e","input":null}                             | input
            {"model":"e","input":""}                               | input
            {"model":"e","input":[]}                               | input
            {"model":"e","input":{"text":"x"}}                     | input
            {"model":"e","input":42}                               | input
            {"model":"e","input":["one",""]}                       | input[1]
            {"model":"e","input":["one",2]}                        | input[1]
            {"model":"e","input":[1,"two"]}                        | input[1]
            {"model":"e","input":[1,-2]}                           | input[1]
            {"model":"e","input":[1,2.5]}                          | input[1]
            {"model":"e","input":[1,99999999999]}                  | input[1]
            {"model":"e","input":[[1],[]]}                         | input[1]
            {"model":"e","input":[[1],["x"]]}                      | input[1]
            {"model":"e","input":"x","dimensions":0}               | dimensions
            {"model":"e","input":"x","dimensions":70000}           | dimensions
            {"model":"e","input":"x","encoding_format":"int8"}     | encoding_format
            {"model":"e","input":"x","encoding_format":1}          | encoding_format
            {"model":"e","input":"x","stream":true}                | stream
            """)
    void refusesWhatCannotBeCountedOrRoutedNamingTheField(String body, String param) {
        OpenAiError error = refusalOf(body);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo(param);
    }

    @Test
    void refusesMoreInputsThanOpenAiAccepts() {
        String many = "[" + "1,".repeat(EmbeddingsRequestParser.MAX_INPUTS) + "1]";
        EmbeddingsRequestParser roomy = new EmbeddingsRequestParser(1 << 20);

        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> roomy.parse(("{\"model\":\"e\",\"input\":" + many + "}").getBytes(StandardCharsets.UTF_8)));

        assertThat(refusal.error().param()).isEqualTo("input");
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        OpenAiError error = refusalOf("{\"model\":\"e\",\"input\":\"" + "x".repeat(LIMIT) + "\"}");

        assertThat(error.status()).isEqualTo(413);
    }

    @Test
    void refusesDuplicateKeysAsInvalidJson() {
        assertThat(refusalOf("{\"model\":\"e\",\"input\":\"a\",\"input\":\"b\"}").code()).isEqualTo("invalid_json");
    }
}
