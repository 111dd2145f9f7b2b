package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of model endpoint an upstream is. */
public enum UpstreamType {
    /** Any endpoint that speaks the OpenAI chat completions API at its base URL. */
    @JsonProperty("openai") OPENAI,
    /** The built-in simulated vendor, started inside the runtime on 127.0.0.1. */
    @JsonProperty("simulated") SIMULATED
}
