package io.regiongate.quota;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.api.ApiOperation;
import io.regiongate.api.ChatRequest;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Estimates what a chat completion will cost before it is sent, with a real BPE tokenizer
 * ({@code o200k_base}, the GPT-4o encoding, through jtokkit): the prompt's tokens counted the way
 * OpenAI documents for chat messages (3 per message, 1 more for a name, 3 to prime the reply), plus
 * the most the completion may use: {@code max_completion_tokens} or {@code max_tokens}, else the
 * tenant's configured default cap, times {@code n}.
 *
 * <p>The prompt count is an estimate: another model's tokenizer, images and audio parts (not
 * counted) and tool schemas (counted as their JSON text) make the upstream's own count differ.
 */
public final class TokenEstimator {

    /**
     * Text is counted in pieces of at most this many characters, cut before a space where one is
     * near: BPE over one long run without spaces costs memory and time that grow faster than its
     * length (a megabyte of one letter exhausted a 256 MiB heap); a cut before a space changes no
     * count, a cut inside a long run adds at most one token per piece.
     */
    static final int PIECE_CHARS = 4096;

    private static final int PER_MESSAGE = 3;
    private static final int PER_NAME = 1;
    private static final int REPLY_PRIMING = 3;

    private final Encoding encoding;

    public TokenEstimator() {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** Tokens of a plain text, special tokens counted as ordinary text. */
    public long count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() <= PIECE_CHARS) {
            return encoding.countTokensOrdinary(text);
        }
        long total = 0;
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + PIECE_CHARS);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                if (space > start + PIECE_CHARS / 2) {
                    end = space;
                } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
            }
            total += encoding.countTokensOrdinary(text.substring(start, end));
            start = end;
        }
        return total;
    }

    /** The prompt's tokens of a request of any operation: its messages, or its embeddings input. */
    public long promptTokens(ChatRequest request) {
        return switch (request.operation()) {
            case EMBEDDINGS -> inputTokens(request.body().path("input"));
            case RESPONSES -> responsesInputTokens(request.body());
            case CHAT_COMPLETIONS -> promptTokens(request.body());
        };
    }

    /**
     * The reservation for a request whose prompt was counted already: embeddings generate no
     * completion; a response reserves its {@code max_output_tokens}, else {@code defaultCap}.
     */
    public long estimate(ChatRequest request, long promptTokens, long defaultCap) {
        return switch (request.operation()) {
            case EMBEDDINGS -> promptTokens;
            case RESPONSES -> {
                long max = positive(request.body().get("max_output_tokens"));
                yield Saturating.add(promptTokens, max == 0 ? defaultCap : max);
            }
            case CHAT_COMPLETIONS -> estimate(promptTokens, request.body(), defaultCap);
        };
    }

    /**
     * A Responses API request's input: its {@code instructions}, and its {@code input} as a string or
     * as items, each message counted as a chat message (its role, its text or text parts).
     */
    long responsesInputTokens(JsonNode body) {
        long tokens = REPLY_PRIMING + count(body.path("instructions").asText(""));
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            return tokens + PER_MESSAGE + count(input.asText());
        }
        for (JsonNode item : input) {
            if (item.isTextual()) {
                tokens += PER_MESSAGE + count(item.asText());
            } else {
                tokens += PER_MESSAGE + count(item.path("role").asText("")) + contentTokens(item.path("content"));
            }
        }
        return tokens;
    }

    /**
     * The tokens of an embeddings {@code input}: a string's tokens, each string's of an array, or the
     * number of token ids given (in one array, or in arrays of them).
     */
    public long inputTokens(JsonNode input) {
        if (input.isTextual()) {
            return count(input.asText());
        }
        long tokens = 0;
        for (JsonNode item : input) {
            tokens += item.isTextual() ? count(item.asText()) : item.isArray() ? item.size() : 1;
        }
        return tokens;
    }

    /** The prompt's tokens: messages, and tools or functions as their JSON text. */
    public long promptTokens(JsonNode body) {
        long tokens = REPLY_PRIMING;
        JsonNode messages = body.path("messages");
        for (JsonNode message : messages) {
            tokens += PER_MESSAGE + count(message.path("role").asText(""));
            if (message.hasNonNull("name")) {
                tokens += PER_NAME + count(message.get("name").asText());
            }
            tokens += contentTokens(message.path("content"));
            if (message.has("tool_calls")) {
                tokens += count(message.get("tool_calls").toString());
            }
        }
        for (String field : new String[] {"tools", "functions"}) {
            if (body.hasNonNull(field)) {
                tokens += count(body.get(field).toString());
            }
        }
        return tokens;
    }

    /**
     * The most the completion may use: the request's own maximum, else {@code defaultCap}; times
     * {@code n}. Saturates at {@link Long#MAX_VALUE}: a maximum too large for a long, or a product
     * that would overflow, reserves the most there is, which no limit admits.
     */
    public long completionReserve(JsonNode body, long defaultCap) {
        long max = positive(body.get("max_completion_tokens"));
        if (max == 0) {
            max = positive(body.get("max_tokens"));
        }
        if (max == 0) {
            max = defaultCap;
        }
        long choices = Math.max(1, positive(body.get("n")));
        return Saturating.multiply(max, choices);
    }

    /** The reservation for a request: prompt plus completion reserve, saturating. */
    public long estimate(JsonNode body, long defaultCap) {
        return estimate(promptTokens(body), body, defaultCap);
    }

    /** The reservation for a request whose prompt was counted already, saturating. */
    public long estimate(long promptTokens, JsonNode body, long defaultCap) {
        return Saturating.add(promptTokens, completionReserve(body, defaultCap));
    }

    private long contentTokens(JsonNode content) {
        if (content.isTextual()) {
            return count(content.asText());
        }
        long tokens = 0;
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    tokens += count(part.get("text").asText());
                }
            }
        }
        return tokens;
    }

    /** A positive number as a long (beyond the range of a long: {@link Long#MAX_VALUE}); else 0. */
    private static long positive(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return 0;
        }
        if (value.canConvertToLong()) {
            return Math.max(0, value.asLong());
        }
        return value.isIntegralNumber() ? (value.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : 0)
                : (value.doubleValue() > 0 ? Long.MAX_VALUE : 0);
    }
}
