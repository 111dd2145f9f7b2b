package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Writes an {@link OpenAiError} as OpenAI's JSON error body, and as an SSE error event. */
public final class OpenAiErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrorBody() {
    }

    public static String json(OpenAiError error) {
        ObjectNode root = JSON.createObjectNode();
        root.set("error", jsonObject(error));
        return root.toString();
    }

    /** The inner error object: {@code message}, {@code type}, {@code param}, {@code code}. */
    static ObjectNode jsonObject(OpenAiError error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", error.message());
        body.put("type", error.type());
        if (error.param() == null) {
            body.putNull("param");
        } else {
            body.put("param", error.param());
        }
        body.put("code", error.code());
        return body;
    }

    /**
     * The error another party (a target) wrote in OpenAI's shape; its fields are null where the
     * body does not have them (or is not JSON).
     */
    public static OpenAiError parse(int status, byte[] body) {
        JsonNode error = null;
        if (body != null && body.length > 0) {
            try {
                error = JSON.readTree(body).path("error");
            } catch (IOException e) {
                error = null;
            }
        }
        if (error == null || !error.isObject()) {
            return new OpenAiError(status, null, null, null, null);
        }
        return new OpenAiError(status, error.path("type").asText(null), error.path("code").asText(null),
                error.path("message").asText(null), error.path("param").asText(null));
    }

    /** The error as the last SSE event of a stream that had already started, followed by [DONE]. */
    public static String sseEvent(OpenAiError error) {
        return "data: " + json(error) + "\n\n" + "data: [DONE]\n\n";
    }
}
