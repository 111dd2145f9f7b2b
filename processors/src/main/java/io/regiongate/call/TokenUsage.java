package io.regiongate.call;

/** The token counts an upstream reported in its {@code usage} block; a count it left out is null. */
public record TokenUsage(Long promptTokens, Long completionTokens, Long totalTokens) {
}
