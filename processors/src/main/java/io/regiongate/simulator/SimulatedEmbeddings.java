package io.regiongate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * What the simulated vendor answers to an embeddings request, in OpenAI's shape: one
 * {@code embedding} object per input, in order, each a unit vector that depends only on the input
 * (the same text always gets the same vector), as floats or base64 little-endian float32, and a
 * usage block counting whitespace-separated words (or token ids) as tokens.
 */
public final class SimulatedEmbeddings {

    /** The vector length when the request names no {@code dimensions}. */
    public static final int DEFAULT_DIMENSIONS = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedEmbeddings() {
    }

    public static String answer(String model, JsonNode request) {
        JsonNode input = request.path("input");
        int dimensions = request.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        boolean base64 = "base64".equals(request.path("encoding_format").asText());
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        long tokens = 0;
        JsonNode inputs = input.isTextual() || (input.isArray() && !input.isEmpty() && input.get(0).isNumber())
                ? JSON.createArrayNode().add(input) : input;
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode one = inputs.get(i);
            tokens += one.isTextual() ? one.asText().trim().split("\\s+").length : one.size();
            float[] vector = vectorOf(one.toString(), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float value : vector) {
                    bytes.putFloat(value);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return root.toString();
    }

    private static float[] vectorOf(String input, int dimensions) {
        SplittableRandom random = new SplittableRandom(input.hashCode());
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        double length = Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] / length);
        }
        return vector;
    }
}
