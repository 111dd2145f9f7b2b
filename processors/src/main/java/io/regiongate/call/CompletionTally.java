package io.regiongate.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * What an answer carried that the audit record needs: the upstream's usage block and the
 * completion's SHA-256 (never logged, never stored). Fed, already parsed, either a whole
 * {@code chat.completion} or, event by event, the chunks of a stream; likewise a whole Responses
 * API {@code response} (the {@code output_text} parts of its {@code output} items) or its
 * {@code response.output_text.delta} events, a text's place being its {@code output_index}.
 *
 * <p>No text is kept: each choice's content goes straight into a digest of its own as it arrives,
 * so memory stays bounded however long the completion and however many choices a stream
 * interleaves (at most {@value #MAX_CHOICES} digests; content of further choice indexes goes into
 * the last). The completion's hash is the SHA-256 of the text when one choice carried text, and
 * otherwise the SHA-256 of the choices' SHA-256 digests (32 bytes each) in index order.
 */
public final class CompletionTally {

    /** The most choices hashed apart; matches the most {@code n} a request may ask for. */
    static final int MAX_CHOICES = 128;

    private final TreeMap<Integer, MessageDigest> choices = new TreeMap<>();
    private TokenUsage usage;

    private static final String OUTPUT_TEXT_DELTA = "response.output_text.delta";

    /**
     * A whole answer ({@code choices[].message.content} and {@code usage}), or a Responses API
     * {@code response} ({@code output[].content[]} of type {@code output_text}).
     */
    public void acceptAnswer(JsonNode answer) {
        JsonNode output = answer.path("output");
        for (int index = 0; index < output.size(); index++) {
            for (JsonNode part : output.get(index).path("content")) {
                if ("output_text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    append(index, part.path("text").asText());
                }
            }
        }
        for (JsonNode choice : answer.path("choices")) {
            JsonNode content = choice.path("message").path("content");
            if (content.isTextual()) {
                append(choice.path("index").asInt(0), content.asText());
            }
        }
        readUsage(answer);
    }

    /**
     * One stream chunk ({@code choices[].delta.content} and {@code usage}), or a Responses API event:
     * the text of a {@code response.output_text.delta}, the usage of a {@code response.completed}
     * (whose copy of the output is not counted again).
     */
    public void acceptChunk(JsonNode chunk) {
        if (OUTPUT_TEXT_DELTA.equals(chunk.path("type").asText()) && chunk.path("delta").isTextual()) {
            append(chunk.path("output_index").asInt(0), chunk.path("delta").asText());
        }
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

    /**
     * SHA-256 (hex) of the completion: of its text when one choice carried text, else of the
     * choices' digests in index order; null when there was no text.
     */
    public String completionSha256() {
        if (choices.isEmpty()) {
            return null;
        }
        if (choices.size() == 1) {
            return HexFormat.of().formatHex(digestOf(choices.values().iterator().next()));
        }
        MessageDigest ofDigests = sha256();
        choices.values().forEach(choice -> ofDigests.update(digestOf(choice)));
        return HexFormat.of().formatHex(ofDigests.digest());
    }

    /** How many choices have a digest of their own (at most {@value #MAX_CHOICES}). */
    int choicesHashed() {
        return choices.size();
    }

    private void append(int index, String content) {
        if (content.isEmpty()) {
            return;
        }
        MessageDigest digest = choices.get(index);
        if (digest == null && choices.size() < MAX_CHOICES) {
            digest = sha256();
            choices.put(index, digest);
        } else if (digest == null) {
            digest = choices.lastEntry().getValue();
        }
        digest.update(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest so far, leaving {@code choice} as it is (more text may follow). */
    private static byte[] digestOf(MessageDigest choice) {
        try {
            return ((MessageDigest) choice.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chat's {@code usage}, or the Responses API's ({@code input_tokens}, {@code output_tokens}), also inside a {@code response.completed}. */
    private void readUsage(JsonNode root) {
        JsonNode block = root.path("usage").isObject() ? root.path("usage") : root.path("response").path("usage");
        if (block.isObject()) {
            usage = new TokenUsage(either(block, "prompt_tokens", "input_tokens"),
                    either(block, "completion_tokens", "output_tokens"), number(block, "total_tokens"));
        }
    }

    private static Long either(JsonNode block, String field, String otherwise) {
        Long value = number(block, field);
        return value != null ? value : number(block, otherwise);
    }

    private static Long number(JsonNode block, String field) {
        JsonNode value = block.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : null;
    }
}
