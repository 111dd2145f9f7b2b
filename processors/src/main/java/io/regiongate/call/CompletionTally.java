package io.regiongate.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an answer carried that the audit record needs: the upstream's usage block and the
 * completion text's SHA-256 (never logged, never stored). Fed, already parsed, either a whole
 * {@code chat.completion} or, event by event, the chunks of a stream. The completion text is the
 * content of every choice in index order.
 *
 * <p>The text is hashed as it arrives, not kept: choice 0's content goes straight into the digest,
 * so a stream's memory stays bounded however long the completion. Only the content of further
 * choices ({@code n > 1}, which streams interleave) is kept until the end, to be hashed after
 * choice 0's.
 */
public final class CompletionTally {

    private final MessageDigest firstChoice = sha256();
    private final Map<Integer, StringBuilder> laterChoices = new TreeMap<>();
    private boolean anyContent;
    private TokenUsage usage;

    /** A whole answer ({@code choices[].message.content} and {@code usage}). */
    public void acceptAnswer(JsonNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            JsonNode content = choice.path("message").path("content");
            if (content.isTextual()) {
                append(choice.path("index").asInt(0), content.asText());
            }
        }
        readUsage(answer);
    }

    /** One stream chunk ({@code choices[].delta.content} and {@code usage}). */
    public void acceptChunk(JsonNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual()) {
                append(choice.path("index").asInt(0), content.asText());
            }
        }
        readUsage(chunk);
    }

    public TokenUsage usage() {
        return usage;
    }

    /** SHA-256 (hex) of the completion text, choices in index order; null when there was no text. */
    public String completionSha256() {
        if (!anyContent) {
            return null;
        }
        try {
            MessageDigest digest = (MessageDigest) firstChoice.clone();
            laterChoices.values().forEach(text -> digest.update(text.toString().getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void append(int index, String content) {
        if (content.isEmpty()) {
            return;
        }
        anyContent = true;
        if (index <= 0) {
            firstChoice.update(content.getBytes(StandardCharsets.UTF_8));
        } else {
            laterChoices.computeIfAbsent(index, i -> new StringBuilder()).append(content);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readUsage(JsonNode root) {
        JsonNode block = root.path("usage");
        if (block.isObject()) {
            usage = new TokenUsage(number(block, "prompt_tokens"), number(block, "completion_tokens"),
                    number(block, "total_tokens"));
        }
    }

    private static Long number(JsonNode block, String field) {
        JsonNode value = block.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : null;
    }
}
