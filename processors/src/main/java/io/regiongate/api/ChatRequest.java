package io.regiongate.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated chat completion request. {@code body} is the client's JSON as parsed, fields
 * RegionGate does not know included, so that it reaches the upstream unchanged.
 */
public record ChatRequest(ObjectNode body, String model, boolean stream) {
}
