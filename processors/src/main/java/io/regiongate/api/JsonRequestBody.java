package io.regiongate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What every API request body must be before its own checks: not empty, within the size limit, one
 * JSON object without duplicate keys or trailing text, with a {@code model} of 1 to
 * {@value #MAX_MODEL_LENGTH} printable ASCII characters without spaces (a model name enters
 * records, logs and headers).
 */
final class JsonRequestBody {

    static final int MAX_MODEL_LENGTH = 256;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private JsonRequestBody() {
    }

    static ObjectNode read(byte[] body, long maxBytes) {
        if (body == null || body.length == 0) {
            throw new GatewayException(OpenAiError.invalidJson("the body is empty"));
        }
        if (body.length > maxBytes) {
            throw new GatewayException(OpenAiError.bodyTooLarge(maxBytes));
        }
        return readObject(body);
    }

    private static ObjectNode readObject(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GatewayException(OpenAiError.invalidJson(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new GatewayException(OpenAiError.invalidJson(e.getMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new GatewayException(OpenAiError.invalidJson("expected a JSON object"));
        }
        return object;
    }

    static String model(ObjectNode request) {
        JsonNode model = request.get("model");
        if (model == null || model.isNull()) {
            throw new GatewayException(OpenAiError.invalidField("model", "is required"));
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw new GatewayException(OpenAiError.invalidField("model", "must be a non-empty string"));
        }
        String name = model.asText();
        if (name.length() > MAX_MODEL_LENGTH) {
            throw new GatewayException(OpenAiError.invalidField("model",
                    "must be at most " + MAX_MODEL_LENGTH + " characters"));
        }
        if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new GatewayException(OpenAiError.invalidField("model",
                    "must be printable ASCII characters without spaces"));
        }
        return name;
    }
}
