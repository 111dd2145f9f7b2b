package io.regiongate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses a chat completion request body once and checks what RegionGate relies on:
 * a JSON object, a non-empty {@code model}, a non-empty {@code messages} list of objects each
 * with a {@code role}, and a boolean {@code stream} when present. Everything else is the
 * upstream's business and passes through untouched.
 */
public final class ChatRequestParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final long maxBytes;

    public ChatRequestParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public ChatRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new GatewayException(OpenAiError.invalidJson("the body is empty"));
        }
        if (body.length > maxBytes) {
            throw new GatewayException(OpenAiError.bodyTooLarge(maxBytes));
        }
        ObjectNode request = readObject(body);
        String model = requireModel(request);
        requireMessages(request);
        return new ChatRequest(request, model, readStream(request));
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

    private static String requireModel(ObjectNode request) {
        JsonNode model = request.get("model");
        if (model == null || model.isNull()) {
            throw new GatewayException(OpenAiError.invalidField("model", "is required"));
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw new GatewayException(OpenAiError.invalidField("model", "must be a non-empty string"));
        }
        return model.asText();
    }

    private static void requireMessages(ObjectNode request) {
        JsonNode messages = request.get("messages");
        if (messages == null || messages.isNull()) {
            throw new GatewayException(OpenAiError.invalidField("messages", "is required"));
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw new GatewayException(OpenAiError.invalidField("messages", "must be a non-empty array"));
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new GatewayException(OpenAiError.invalidField("messages[" + i + "]", "must be an object"));
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || role.asText().isBlank()) {
                throw new GatewayException(OpenAiError.invalidField("messages[" + i + "].role", "is required"));
            }
        }
    }

    private static boolean readStream(ObjectNode request) {
        JsonNode stream = request.get("stream");
        if (stream == null || stream.isNull()) {
            return false;
        }
        if (!stream.isBoolean()) {
            throw new GatewayException(OpenAiError.invalidField("stream", "must be true or false"));
        }
        return stream.booleanValue();
    }
}
