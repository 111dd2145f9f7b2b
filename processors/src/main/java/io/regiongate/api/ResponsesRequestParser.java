package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a Responses API request body once and checks what RegionGate relies on: a {@code model} as
 * for chat, an {@code input} that is a non-empty string or a non-empty array of items (objects, or
 * strings), a boolean {@code stream} when present, and {@code max_output_tokens} a whole number from
 * 1 to {@value ChatRequestParser#MAX_TOKENS} when present (the quota reserves it). Everything else
 * passes to the upstream.
 */
public final class ResponsesRequestParser implements ApiRequestParser {

    private final long maxBytes;

    public ResponsesRequestParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public ChatRequest parse(byte[] body) {
        ObjectNode request = JsonRequestBody.read(body, maxBytes);
        String model = JsonRequestBody.model(request);
        JsonNode input = request.get("input");
        if (input == null || input.isNull()) {
            throw new GatewayException(OpenAiError.invalidField("input", "is required"));
        }
        if (input.isTextual() ? input.asText().isEmpty() : !input.isArray() || input.isEmpty()) {
            throw new GatewayException(OpenAiError.invalidField("input", "must be a non-empty string or array of items"));
        }
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).isObject() && !input.get(i).isTextual()) {
                throw new GatewayException(OpenAiError.invalidField("input[" + i + "]", "must be an item object"));
            }
        }
        ChatRequestParser.boundedWholeNumber(request, "max_output_tokens", ChatRequestParser.MAX_TOKENS);
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new GatewayException(OpenAiError.invalidField("stream", "must be true or false"));
        }
        return new ChatRequest(request, model, stream != null && stream.asBoolean(false), ApiOperation.RESPONSES);
    }
}
