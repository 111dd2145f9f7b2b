package io.regiongate.e2e.support;

import static org.citrusframework.http.actions.HttpActionBuilder.http;

import com.sun.net.httpserver.HttpHandler;
import java.util.List;
import java.util.Map;
import org.citrusframework.http.actions.HttpServerRequestActionBuilder;
import org.citrusframework.http.actions.HttpServerResponseActionBuilder.HttpMessageBuilderSupport;
import org.citrusframework.http.server.HttpServer;
import org.springframework.http.HttpStatus;

/**
 * What the stand-in LLM vendors answer: whole completions with usage, streamed completions, and
 * the failures vendors really send (5xx, 429 with {@code Retry-After}); as behaviours of a
 * {@link ScriptedUpstream} endpoint, and as the steps of a conversation with a vendor's Citrus
 * {@code HttpServer} (the vendor {@link #receivesRequest receives a request}, then answers it).
 */
public final class VendorReplies {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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

    /**
     * A vendor that answers each chat request with {@code prefix} and the request's first message,
     * so that an answer shows which request it answers.
     */
    public static HttpHandler answersWithPrompt(String prefix) {
        return exchange -> {
            String prompt;
            try {
                prompt = JSON.readTree(ScriptedUpstream.requestBody(exchange)).path("messages").path(0).path("content")
                        .asText();
            } catch (java.io.IOException e) {
                prompt = "?";
            }
            completes("chatcmpl-" + java.util.UUID.randomUUID(), prefix + prompt).handle(exchange);
        };
    }

    /** A vendor error status with OpenAI's error body. */
    public static HttpHandler fails(int status) {
        return ScriptedUpstream.answering(status, errorJson(status), Map.of());
    }

    private static String errorJson(int status) {
        return "{\"error\":{\"message\":\"The server had an error (" + status + ")\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";
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

    // ---- a conversation with a vendor's Citrus HttpServer

    /** The vendor receives a chat completion request; the scenario adds what it expects of it. */
    public static HttpServerRequestActionBuilder receivesRequest(HttpServer vendor) {
        return http().server(vendor).receive().post("/v1/chat/completions");
    }

    /** The vendor answers 200 with a whole completion. */
    public static HttpMessageBuilderSupport answers(HttpServer vendor, String completionJson) {
        return http().server(vendor).send().response(HttpStatus.OK).message()
                .contentType("application/json")
                .body(completionJson);
    }

    /** The vendor answers with an error status and OpenAI's error body, as {@link #fails} does. */
    public static HttpMessageBuilderSupport answersError(HttpServer vendor, int status) {
        return http().server(vendor).send().response(HttpStatus.valueOf(status)).message()
                .contentType("application/json")
                .body(errorJson(status));
    }

    /** The vendor answers 200 with these events as one event stream (all at once, not paced). */
    public static HttpMessageBuilderSupport streams(HttpServer vendor, List<String> events) {
        return http().server(vendor).send().response(HttpStatus.OK).message()
                .contentType("text/event-stream; charset=utf-8")
                .body(String.join("", events));
    }
}
