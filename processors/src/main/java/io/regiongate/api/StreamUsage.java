package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The usage contract of a streamed completion. RegionGate always asks the upstream for the final
 * usage chunk ({@code stream_options.include_usage: true}) so that quota settlement and the audit
 * record know what a stream cost, and hands that chunk on to the client only when the client asked
 * for it. A usage chunk is an event whose {@code choices} is an empty array and whose
 * {@code usage} is an object, as OpenAI sends it before {@code [DONE]}.
 */
public final class StreamUsage {

    private StreamUsage() {
    }

    /** True when the client's own body asked for the usage chunk. */
    public static boolean clientAsked(JsonNode body) {
        return body.path("stream_options").path("include_usage").asBoolean(false);
    }

    /**
     * The body to send upstream for a stream: the client's, with {@code stream_options.include_usage}
     * set to true (other stream options kept). The client's body is not changed: only the top level
     * and {@code stream_options} are copied.
     */
    public static ObjectNode askingForUsage(ObjectNode body) {
        ObjectNode outgoing = body.objectNode();
        outgoing.setAll(body);
        ObjectNode options = outgoing.objectNode();
        JsonNode given = body.get("stream_options");
        if (given != null && given.isObject()) {
            options.setAll((ObjectNode) given);
        }
        options.put("include_usage", true);
        outgoing.set("stream_options", options);
        return outgoing;
    }

    /** True for the usage-only chunk: {@code choices} empty, {@code usage} an object. */
    public static boolean isUsageChunk(JsonNode chunk) {
        if (chunk == null) {
            return false;
        }
        JsonNode choices = chunk.get("choices");
        return choices != null && choices.isArray() && choices.isEmpty() && chunk.path("usage").isObject();
    }
}
