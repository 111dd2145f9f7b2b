package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a chat completion request body once and checks what RegionGate relies on:
 * a JSON object, a {@code model} of 1 to {@value #MAX_MODEL_LENGTH} printable ASCII characters
 * without spaces, a non-empty {@code messages} list of objects each with a {@code role}, a boolean
 * {@code stream} when present, and the numbers its quota estimate is made of when present:
 * {@code max_tokens} and {@code max_completion_tokens} whole numbers from 1 to
 * {@value #MAX_TOKENS}, {@code n} from 1 to {@value #MAX_CHOICES}. Everything else is the
 * upstream's business and passes through untouched.
 */
public final class ChatRequestParser implements ApiRequestParser {

    /** The longest model name accepted: a model name enters records, logs and headers. */
    public static final int MAX_MODEL_LENGTH = JsonRequestBody.MAX_MODEL_LENGTH;
    /** The largest {@code max_tokens} / {@code max_completion_tokens} accepted. */
    public static final long MAX_TOKENS = 1_048_576;
    /** The most choices ({@code n}) accepted, as OpenAI's API. */
    public static final long MAX_CHOICES = 128;

    private final long maxBytes;

    public ChatRequestParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public ChatRequest parse(byte[] body) {
        ObjectNode request = JsonRequestBody.read(body, maxBytes);
        String model = JsonRequestBody.model(request);
        requireMessages(request);
        boundedWholeNumber(request, "max_tokens", MAX_TOKENS);
        boundedWholeNumber(request, "max_completion_tokens", MAX_TOKENS);
        boundedWholeNumber(request, "n", MAX_CHOICES);
        return new ChatRequest(request, model, readStream(request));
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

    /** Absent or null is fine; otherwise a whole number from 1 to {@code max}, else 400 naming the field. */
    static void boundedWholeNumber(ObjectNode request, String field, long max) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        boolean whole = value.isIntegralNumber()
                || (value.isFloatingPointNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
        if (!whole || !value.canConvertToLong() || value.asLong() < 1 || value.asLong() > max) {
            throw new GatewayException(OpenAiError.invalidField(field, "must be a whole number from 1 to " + max));
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
