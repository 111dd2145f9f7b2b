package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpHandler;
import java.util.List;
import java.util.Map;

/**
 * What the stand-in LLM vendors answer: whole completions with usage, streamed completions, and
 * the failures vendors really send (5xx, 429 with {@code Retry-After}).
 */
public final class VendorReplies {

    private VendorReplies() {
    }

    /** A whole {@code chat.completion} with usage, its text naming who wrote it. */
    public static String completionJson(String completionId, String content) {
        return "{\"id\":\"" + completionId + "\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + content + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}";
    }

    /** 200 with {@link #completionJson}. */
    public static HttpHandler completes(String completionId, String content) {
        return ScriptedUpstream.answering(200, completionJson(completionId, content), Map.of());
    }

    /** A vendor error status with OpenAI's error body. */
    public static HttpHandler fails(int status) {
        return ScriptedUpstream.answering(status, "{\"error\":{\"message\":\"The server had an error (" + status + ")\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}", Map.of());
    }

    /** 429, with {@code Retry-After: seconds} when {@code seconds} is not null. */
    public static HttpHandler rateLimited(Integer retryAfterSeconds) {
        return ScriptedUpstream.answering(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                retryAfterSeconds == null ? Map.of() : Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** A whole stream: one chunk per word, then {@code [DONE]}. */
    public static List<String> streamEvents(String completionId, List<String> words) {
        return PacedEventStream.chunkEvents(completionId, words);
    }

    /**
     * The last chunk of a stream that reports usage ({@code stream_options.include_usage}): no
     * choices, only the {@code usage} block.
     */
    public static String usageEvent(String completionId, long promptTokens, long completionTokens) {
        return "data: {\"id\":\"" + completionId + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + "}}\n\n";
    }

    /** A chat completion request body carrying {@code prompt} as the user's message. */
    public static String chatRequest(String model, String prompt, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }
}
