package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of model endpoint an upstream is. */
public enum UpstreamType {
    /** Any endpoint that speaks the OpenAI chat completions API at its base URL. */
    @JsonProperty("openai") OPENAI,
    /**
     * An Azure OpenAI resource: {@code {base-url}/openai/deployments/{deployment}/chat/completions?api-version=...}
     * with the key in an {@code api-key} header.
     */
    @JsonProperty("azure-openai") AZURE_OPENAI,
    /** The built-in simulated vendor, started inside the runtime on 127.0.0.1. */
    @JsonProperty("simulated") SIMULATED
}
