package io.regiongate.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.StreamUsage;
import java.io.IOException;

/**
 * One upstream event, parsed once for every step that needs its JSON (metering, audit tally,
 * usage stripping), and whether it goes on to the client.
 *
 * @param event   the event as read off the wire
 * @param json    its data as JSON, or null ({@code [DONE]}, no data, or data that is not JSON)
 * @param whole   false when the stream ended inside the event and what arrived is not a whole
 *                event: it must never reach the client
 * @param relayed whether the event is written to the client
 */
public record SseChunk(SseEvent event, JsonNode json, boolean whole, boolean relayed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses an event's data; a whole event is relayed unless a later step withholds it. */
    public static SseChunk parse(SseEvent event) {
        JsonNode json = null;
        boolean parsed = false;
        if (event.data() != null && !event.isDone()) {
            try {
                json = JSON.readTree(event.data());
                parsed = json != null && !json.isMissingNode();
            } catch (IOException e) {
                json = null;
            }
        }
        boolean whole = event.terminated() || event.isDone() || parsed;
        return new SseChunk(event, parsed ? json : null, whole, whole);
    }

    /** The same event, not written to the client. */
    public SseChunk withheld() {
        return relayed ? new SseChunk(event, json, whole, false) : this;
    }

    /** The usage-only chunk a stream ends with when asked ({@code choices} empty, {@code usage} set). */
    public boolean isUsageChunk() {
        return StreamUsage.isUsageChunk(json);
    }

    public boolean isDone() {
        return event.isDone();
    }
}
