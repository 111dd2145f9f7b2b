package io.regiongate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes an {@link OpenAiError} as OpenAI's JSON error body, and as an SSE error event. */
public final class OpenAiErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrorBody() {
    }

    public static String json(OpenAiError error) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", error.type());
        if (error.param() == null) {
            body.putNull("param");
        } else {
            body.put("param", error.param());
        }
        body.put("code", error.code());
        return root.toString();
    }

    /** The error as the last SSE event of a stream that had already started, followed by [DONE]. */
    public static String sseEvent(OpenAiError error) {
        return "data: " + json(error) + "\n\n" + "data: [DONE]\n\n";
    }
}
