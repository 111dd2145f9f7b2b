package io.regiongate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated vendor answers to one request, in OpenAI's shapes: a whole
 * {@code chat.completion} with a usage block, or the {@code chat.completion.chunk} events of a
 * stream (role, one chunk per word, finish, usage) ending in {@code [DONE]}. Tokens are counted
 * as whitespace-separated words, which is close enough for a simulator.
 */
public final class SimulatedCompletion {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String model;
    private final long created;
    private final List<String> words;
    private final int promptTokens;

    public SimulatedCompletion(String id, String model, long created, String reply, JsonNode messages) {
        this.id = id;
        this.model = model;
        this.created = created;
        this.words = List.of(reply.trim().split("\\s+"));
        this.promptTokens = countPromptTokens(messages);
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int completionTokens() {
        return words.size();
    }

    public String completionJson() {
        ObjectNode root = base("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", String.join(" ", words));
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        root.set("usage", usage());
        return root.toString();
    }

    /** The data of each SSE event of the stream, in order, the last being {@code [DONE]}. */
    public List<String> streamEvents() {
        List<String> events = new ArrayList<>(words.size() + 4);
        events.add(chunk(delta -> {
            delta.put("role", "assistant");
            delta.put("content", "");
        }, null));
        for (int i = 0; i < words.size(); i++) {
            String piece = i == 0 ? words.get(i) : " " + words.get(i);
            events.add(chunk(delta -> delta.put("content", piece), null));
        }
        events.add(chunk(delta -> { }, "stop"));
        ObjectNode usageChunk = base("chat.completion.chunk");
        usageChunk.putArray("choices");
        usageChunk.set("usage", usage());
        events.add(usageChunk.toString());
        events.add("[DONE]");
        return events;
    }

    private String chunk(java.util.function.Consumer<ObjectNode> fillDelta, String finishReason) {
        ObjectNode root = base("chat.completion.chunk");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        fillDelta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    private ObjectNode base(String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        root.put("system_fingerprint", "fp_regiongate_sim");
        return root;
    }

    private ObjectNode usage() {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens());
        usage.put("total_tokens", promptTokens + completionTokens());
        return usage;
    }

    private static int countPromptTokens(JsonNode messages) {
        int tokens = 0;
        if (messages != null) {
            for (JsonNode message : messages) {
                JsonNode content = message.get("content");
                if (content != null && content.isTextual() && !content.asText().isBlank()) {
                    tokens += content.asText().trim().split("\\s+").length;
                }
                tokens += 3;
            }
        }
        return tokens;
    }
}
