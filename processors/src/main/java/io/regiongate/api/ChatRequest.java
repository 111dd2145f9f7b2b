package io.regiongate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated API request: a chat completion, or another operation that goes the same way
 * ({@link ApiOperation}). {@code body} is the client's JSON as parsed, fields RegionGate does not
 * know included, so that it reaches the upstream unchanged.
 */
public record ChatRequest(ObjectNode body, String model, boolean stream, ApiOperation operation) {

    /** A chat completion request. */
    public ChatRequest(ObjectNode body, String model, boolean stream) {
        this(body, model, stream, ApiOperation.CHAT_COMPLETIONS);
    }

    /** The part of the body that carries the prompt: {@code messages} of a chat, {@code input} of embeddings. */
    public JsonNode promptPart() {
        return body.get(operation == ApiOperation.CHAT_COMPLETIONS ? "messages" : "input");
    }

    /** True when the client asked for a stream's usage chunk ({@code stream_options.include_usage}). */
    public boolean clientWantsUsage() {
        return stream && operation == ApiOperation.CHAT_COMPLETIONS && StreamUsage.clientAsked(body);
    }

    /**
     * The body to send on: a chat stream always asks for usage (see {@link StreamUsage}); a Responses
     * stream reports its usage in {@code response.completed} unasked.
     */
    public ObjectNode outgoingBody() {
        return stream && operation == ApiOperation.CHAT_COMPLETIONS ? StreamUsage.askingForUsage(body) : body;
    }
}
