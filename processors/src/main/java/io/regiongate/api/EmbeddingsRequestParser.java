package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses an embeddings request body once and checks what RegionGate relies on: a {@code model} as
 * for chat, and an {@code input} in one of OpenAI's forms: a non-empty string, a non-empty array of
 * at most {@value #MAX_INPUTS} non-empty strings, an array of token ids, or an array of non-empty
 * arrays of token ids (token ids are whole numbers from 0). {@code dimensions}, when present, is a
 * whole number from 1 to {@value #MAX_DIMENSIONS}; {@code encoding_format} is {@code float} or
 * {@code base64}; an embeddings answer is never streamed. Everything else passes to the upstream.
 */
public final class EmbeddingsRequestParser implements ApiRequestParser {

    /** The most inputs in one request, as OpenAI's API. */
    public static final int MAX_INPUTS = 2048;
    /** The largest {@code dimensions} accepted. */
    public static final long MAX_DIMENSIONS = 65_536;

    private final long maxBytes;

    public EmbeddingsRequestParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public ChatRequest parse(byte[] body) {
        ObjectNode request = JsonRequestBody.read(body, maxBytes);
        String model = JsonRequestBody.model(request);
        requireInput(request.get("input"));
        ChatRequestParser.boundedWholeNumber(request, "dimensions", MAX_DIMENSIONS);
        JsonNode format = request.get("encoding_format");
        if (format != null && !format.isNull()
                && !(format.isTextual() && ("float".equals(format.asText()) || "base64".equals(format.asText())))) {
            throw new GatewayException(OpenAiError.invalidField("encoding_format", "must be float or base64"));
        }
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !(stream.isBoolean() && !stream.booleanValue())) {
            throw new GatewayException(OpenAiError.invalidField("stream", "is not supported: embeddings are answered whole"));
        }
        return new ChatRequest(request, model, false, ApiOperation.EMBEDDINGS);
    }

    private static void requireInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new GatewayException(OpenAiError.invalidField("input", "is required"));
        }
        if (input.isTextual()) {
            if (input.asText().isEmpty()) {
                throw new GatewayException(OpenAiError.invalidField("input", "must not be an empty string"));
            }
            return;
        }
        if (!input.isArray() || input.isEmpty()) {
            throw new GatewayException(OpenAiError.invalidField("input",
                    "must be a string, or a non-empty array of strings, of token ids, or of arrays of token ids"));
        }
        if (input.size() > MAX_INPUTS) {
            throw new GatewayException(OpenAiError.invalidField("input", "must hold at most " + MAX_INPUTS + " inputs"));
        }
        JsonNode first = input.get(0);
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String param = "input[" + i + "]";
            if (first.isTextual()) {
                if (!item.isTextual() || item.asText().isEmpty()) {
                    throw new GatewayException(OpenAiError.invalidField(param, "must be a non-empty string, as the first input"));
                }
            } else if (first.isArray()) {
                if (!item.isArray() || item.isEmpty()) {
                    throw new GatewayException(OpenAiError.invalidField(param,
                            "must be a non-empty array of token ids, as the first input"));
                }
                for (JsonNode token : item) {
                    requireTokenId(token, param);
                }
            } else {
                requireTokenId(item, param);
            }
        }
    }

    private static void requireTokenId(JsonNode token, String param) {
        if (!token.isIntegralNumber() || !token.canConvertToLong() || token.asLong() < 0 || token.asLong() > Integer.MAX_VALUE) {
            throw new GatewayException(OpenAiError.invalidField(param, "token ids must be whole numbers from 0"));
        }
    }
}
