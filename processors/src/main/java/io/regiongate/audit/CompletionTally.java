package io.regiongate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.sse.SseEvent;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an answer carried that the audit record needs: the upstream's usage block and the
 * completion text (to hash it; never logged, never stored). Fed either a whole
 * {@code chat.completion} or, event by event, the chunks of a stream. The completion text is the
 * content of every choice in index order.
 */
public final class CompletionTally {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, StringBuilder> contentByChoice = new TreeMap<>();
    private AuditRecord.Usage usage;

    /** The tally of a whole answer; empty when the body is not a completion. */
    public static CompletionTally ofAnswer(byte[] body) {
        CompletionTally tally = new CompletionTally();
        JsonNode root = readJson(body);
        if (root != null) {
            for (JsonNode choice : root.path("choices")) {
                JsonNode content = choice.path("message").path("content");
                if (content.isTextual()) {
                    tally.append(choice.path("index").asInt(0), content.asText());
                }
            }
            tally.readUsage(root);
        }
        return tally;
    }

    /** One event of a stream; events that are not JSON chunks are ignored. */
    public void accept(SseEvent event) {
        if (event.data() == null || event.isDone()) {
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(event.data());
        } catch (IOException e) {
            return;
        }
        accept(chunk);
    }

    /** One stream chunk, already parsed (null: not a JSON chunk, ignored). */
    public void accept(JsonNode chunk) {
        if (chunk == null) {
            return;
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual()) {
                append(choice.path("index").asInt(0), content.asText());
            }
        }
        readUsage(chunk);
    }

    public AuditRecord.Usage usage() {
        return usage;
    }

    /** The completion text, choices in index order; empty when there was none. */
    public String completionText() {
        StringBuilder text = new StringBuilder();
        contentByChoice.values().forEach(text::append);
        return text.toString();
    }

    private void append(int index, String content) {
        contentByChoice.computeIfAbsent(index, i -> new StringBuilder()).append(content);
    }

    private void readUsage(JsonNode root) {
        JsonNode block = root.path("usage");
        if (block.isObject()) {
            usage = new AuditRecord.Usage(number(block, "prompt_tokens"), number(block, "completion_tokens"),
                    number(block, "total_tokens"));
        }
    }

    private static Long number(JsonNode block, String field) {
        JsonNode value = block.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : null;
    }

    private static JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
