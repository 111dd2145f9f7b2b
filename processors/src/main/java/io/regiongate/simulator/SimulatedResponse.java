package io.regiongate.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated vendor answers to a Responses API request, in OpenAI's shapes: a whole
 * {@code response} object with its {@code output} message and usage, or the typed events of a
 * stream ({@code response.created}, {@code response.in_progress}, the output item and content part
 * opened, one {@code response.output_text.delta} per word, their closing events, and
 * {@code response.completed} carrying the usage), each with its {@code sequence_number}.
 */
public final class SimulatedResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String model;
    private final long created;
    private final List<String> words;
    private final int inputTokens;

    public SimulatedResponse(String id, String model, long created, String reply, int inputTokens) {
        this.id = id;
        this.model = model;
        this.created = created;
        this.words = List.of(reply.trim().split("\\s+"));
        this.inputTokens = inputTokens;
    }

    public String responseJson() {
        return response("completed", true).toString();
    }

    /** Each SSE event of the stream, as written on the wire, in order. */
    public List<String> streamEvents() {
        List<ObjectNode> events = new ArrayList<>();
        events.add(event("response.created").set("response", response("in_progress", false)));
        events.add(event("response.in_progress").set("response", response("in_progress", false)));
        events.add(event("response.output_item.added").put("output_index", 0).set("item", message(false)));
        events.add(event("response.content_part.added").put("item_id", itemId()).put("output_index", 0)
                .put("content_index", 0).set("part", part("")));
        for (int i = 0; i < words.size(); i++) {
            events.add(event("response.output_text.delta").put("item_id", itemId()).put("output_index", 0)
                    .put("content_index", 0).put("delta", (i == 0 ? "" : " ") + words.get(i)));
        }
        events.add(event("response.output_text.done").put("item_id", itemId()).put("output_index", 0)
                .put("content_index", 0).put("text", text()));
        events.add(event("response.content_part.done").put("item_id", itemId()).put("output_index", 0)
                .put("content_index", 0).set("part", part(text())));
        events.add(event("response.output_item.done").put("output_index", 0).set("item", message(true)));
        events.add(event("response.completed").set("response", response("completed", true)));
        List<String> wire = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i).put("sequence_number", i);
            wire.add("event: " + event.path("type").asText() + "\ndata: " + event + "\n\n");
        }
        return wire;
    }

    private String text() {
        return String.join(" ", words);
    }

    private String itemId() {
        return "msg_" + id;
    }

    private ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private ObjectNode response(String status, boolean withOutput) {
        ObjectNode response = JSON.createObjectNode().put("id", "resp_" + id).put("object", "response")
                .put("created_at", created).put("status", status).put("model", model);
        if (withOutput) {
            response.putArray("output").add(message(true));
            response.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", words.size())
                    .put("total_tokens", inputTokens + words.size());
        } else {
            response.putArray("output");
            response.putNull("usage");
        }
        return response;
    }

    private ObjectNode message(boolean done) {
        ObjectNode item = JSON.createObjectNode().put("id", itemId()).put("type", "message")
                .put("status", done ? "completed" : "in_progress").put("role", "assistant");
        item.putArray("content").add(part(done ? text() : ""));
        if (!done) {
            item.putArray("content");
        }
        return item;
    }

    private ObjectNode part(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }
}
