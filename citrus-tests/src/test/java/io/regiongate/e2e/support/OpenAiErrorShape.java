package io.regiongate.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** OpenAI's error body, {@code {"error":{"message","type","param","code"}}}, as tests expect it. */
public final class OpenAiErrorShape {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrorShape() {
    }

    /** The expected body for Citrus JSON validation: any non-empty message, the rest exact. */
    public static String expected(String type, String code, String param) {
        return "{\"error\":{\"message\":\"@notEmpty()@\",\"type\":\"" + type + "\","
                + "\"param\":" + (param == null ? "null" : "\"" + param + "\"") + ","
                + "\"code\":\"" + code + "\"}}";
    }

    /** Checks a body already received as text; returns the error object. */
    public static JsonNode assertError(String body, String type, String code, String param) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
        assertThat(root.isObject()).as("error body %s", body).isTrue();
        assertThat(root.size()).as("top-level fields of %s", body).isEqualTo(1);
        JsonNode error = root.path("error");
        assertThat(error.path("message").asText()).as("error.message of %s", body).isNotBlank();
        assertThat(error.path("type").asText()).as("error.type of %s", body).isEqualTo(type);
        assertThat(error.path("code").asText()).as("error.code of %s", body).isEqualTo(code);
        assertThat(error.has("param")).as("error.param present in %s", body).isTrue();
        if (param == null) {
            assertThat(error.get("param").isNull()).as("error.param of %s", body).isTrue();
        } else {
            assertThat(error.get("param").asText()).as("error.param of %s", body).isEqualTo(param);
        }
        return error;
    }
}
