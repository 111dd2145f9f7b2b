package io.regiongate.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated chat completion request. {@code body} is the client's JSON as parsed, fields
 * RegionGate does not know included, so that it reaches the upstream unchanged.
 */
public record ChatRequest(ObjectNode body, String model, boolean stream) {

    /** True when the client asked for a stream's usage chunk ({@code stream_options.include_usage}). */
    public boolean clientWantsUsage() {
        return stream && StreamUsage.clientAsked(body);
    }

    /** The body to send on: a stream always asks for usage (see {@link StreamUsage}). */
    public ObjectNode outgoingBody() {
        return stream ? StreamUsage.askingForUsage(body) : body;
    }
}
