package io.regiongate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A Responses API body is accepted whole in its input forms; what RegionGate cannot count or route is 400 naming the field. */
class ResponsesRequestTest {

    private final ResponsesRequestParser parser = new ResponsesRequestParser(4096);

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"m\",\"input\":\"hello\"}",
            "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}",
            "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}],\"max_output_tokens\":64}"})
    void acceptsTheInputFormsOfTheApi(String body) {
        ChatRequest request = parser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(request.operation()).isEqualTo(ApiOperation.RESPONSES);
        assertThat(request.stream()).isEqualTo(body.contains("\"stream\":true"));
        assertThat(request.outgoingBody()).as("a Responses stream is not asked for a usage chunk").isSameAs(request.body());
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"input":"x"}                                        | model
            {"model":"m"}                                        | input
            {"model":"m","input":""}                             | input
            {"model":"m","input":[]}                             | input
            {"model":"m","input":42}                             | input
            {"model":"m","input":[42]}                           | input[0]
            {"model":"m","input":"x","max_output_tokens":0}      | max_output_tokens
            {"model":"m","input":"x","max_output_tokens":1e12}   | max_output_tokens
            {"model":"m","input":"x","stream":"yes"}             | stream
            """)
    void refusesWhatCannotBeCountedOrRouted(String body, String param) {
        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(refusal.error().status()).isEqualTo(400);
        assertThat(refusal.error().param()).isEqualTo(param);
    }
}
