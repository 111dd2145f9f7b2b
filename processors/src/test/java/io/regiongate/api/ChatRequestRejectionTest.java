package io.regiongate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request RegionGate cannot route is refused before any upstream is called: 400 naming the
 * offending field in {@code param}, 400 {@code invalid_json}, or 413 when it is too large.
 */
class ChatRequestRejectionTest {

    private static final int LIMIT = 256;

    private final ChatRequestParser parser = new ChatRequestParser(LIMIT);

    private OpenAiError refusalOf(String body) {
        return refusalOf(body.getBytes(StandardCharsets.UTF_8));
    }

    private OpenAiError refusalOf(byte[] body) {
        GatewayException refusal = catchThrowableOfType(GatewayException.class, () -> parser.parse(body));
        assertThat(refusal).as("must be refused: %s", body == null ? null : new String(body, StandardCharsets.UTF_8))
                .isNotNull();
        return refusal.error();
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"messages":[{"role":"user"}]}                                  | model
            {"model":null,"messages":[{"role":"user"}]}                     | model
            {"model":"","messages":[{"role":"user"}]}                       | model
            {"model":"   ","messages":[{"role":"user"}]}                    | model
            {"model":42,"messages":[{"role":"user"}]}                       | model
            {"model":["gpt-4o"],"messages":[{"role":"user"}]}               | model
            {"model":"m"}                                                   | messages
            {"model":"m","messages":[]}                                     | messages
            {"model":"m","messages":{"role":"user"}}                        | messages
            {"model":"m","messages":"hello"}                                | messages
            {"model":"m","messages":["hello"]}                              | messages[0]
            {"model":"m","messages":[{"role":"user"},{"content":"no role"}]} | messages[1].role
            {"model":"m","messages":[{"role":""}]}                          | messages[0].role
            {"model":"m","messages":[{"role":"user"}],"stream":"true"}      | stream
            {"model":"m","messages":[{"role":"user"}],"stream":1}           | stream
            {"model":"gpt 4o","messages":[{"role":"user"}]}                 | model
            {"model":"gpt-4o\\n","messages":[{"role":"user"}]}              | model
            {"model":"gpt-4o\\u0000","messages":[{"role":"user"}]}          | model
            {"model":"gpt-\\u00e9","messages":[{"role":"user"}]}            | model
            {"model":"m","messages":[{"role":"user"}],"max_tokens":0}       | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":-5}      | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":9223372036854775807} | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":92233720368547758070} | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":1048577} | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":12.5}    | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":"100"}   | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_tokens":1e300}   | max_tokens
            {"model":"m","messages":[{"role":"user"}],"max_completion_tokens":0} | max_completion_tokens
            {"model":"m","messages":[{"role":"user"}],"max_completion_tokens":-9223372036854775808} | max_completion_tokens
            {"model":"m","messages":[{"role":"user"}],"n":0}                | n
            {"model":"m","messages":[{"role":"user"}],"n":129}              | n
            {"model":"m","messages":[{"role":"user"}],"n":true}             | n
            """)
    void refusesInvalidFieldNamingItAsParam(String body, String param) {
        OpenAiError error = refusalOf(body);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type()).isEqualTo(OpenAiError.INVALID_REQUEST);
        assertThat(error.code()).isEqualTo("invalid_request");
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.message()).startsWith("'" + param + "' ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"model\":\"m\"}]",
            "\"model\"",
            "null",
            "42",
            "   ",
            "{\"model\":\"m\",",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]} {\"model\":\"again\"}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]} trailing",
            "{\"model\":\"m\",\"model\":\"n\",\"messages\":[{\"role\":\"user\"}]}",
            "{model:'m'}"})
    void refusesBodyThatIsNotOneJsonObjectAsInvalidJson(String body) {
        OpenAiError error = refusalOf(body);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_json");
        assertThat(error.param()).isNull();
    }

    @Test
    void refusesEmptyBody() {
        assertThat(refusalOf(new byte[0]).code()).isEqualTo("invalid_json");
        assertThat(refusalOf((byte[]) null).code()).isEqualTo("invalid_json");
    }

    @Test
    void refusesBodyOverTheLimitWith413BeforeParsingIt() {
        byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(LIMIT) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        OpenAiError error = refusalOf(body);

        assertThat(error.status()).isEqualTo(413);
        assertThat(error.code()).isEqualTo("request_too_large");
        assertThat(error.message()).contains(String.valueOf(LIMIT));
    }

    @Test
    void refusesOversizedGarbageAs413NotAsBadJson() {
        assertThat(refusalOf("x".repeat(LIMIT + 1)).status()).isEqualTo(413);
    }

    @Test
    void refusesAModelNameLongerThanTheLimitNamingItWithoutEchoingIt() {
        String model = "m".repeat(ChatRequestParser.MAX_MODEL_LENGTH + 1);
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\"}]}";

        GatewayException refusal = catchThrowableOfType(GatewayException.class,
                () -> new ChatRequestParser(1 << 20).parse(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(refusal.error().status()).isEqualTo(400);
        assertThat(refusal.error().param()).isEqualTo("model");
        assertThat(refusal.error().message()).doesNotContain(model);
    }
}
