package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The typed events of a streamed Responses API answer, as the relay needs to tell them apart: the
 * preamble ({@code response.created}, {@code response.in_progress}), which says nothing yet and so
 * does not commit the stream to its upstream; the events that end it well
 * ({@code response.completed}, {@code response.incomplete}); and those that end it failed
 * ({@code response.failed}, {@code error}).
 */
public final class ResponsesEvents {

    private static final Set<String> PREAMBLE = Set.of("response.created", "response.in_progress", "response.queued");
    private static final Set<String> ENDED = Set.of("response.completed", "response.incomplete");
    private static final Set<String> FAILED = Set.of("response.failed", "error");

    private ResponsesEvents() {
    }

    public static String typeOf(JsonNode event) {
        return event == null ? "" : event.path("type").asText("");
    }

    public static boolean isPreamble(JsonNode event) {
        return PREAMBLE.contains(typeOf(event));
    }

    public static boolean endsWell(JsonNode event) {
        return ENDED.contains(typeOf(event));
    }

    public static boolean endsFailed(JsonNode event) {
        return FAILED.contains(typeOf(event));
    }

    /** An {@code error} event in the Responses API's shape, for a stream the gateway has to end itself. */
    public static String errorEvent(OpenAiError error) {
        return "event: error\ndata: " + OpenAiErrorBody.jsonObject(error)
                .put("type", "error").put("sequence_number", 0).toString() + "\n\n";
    }
}
