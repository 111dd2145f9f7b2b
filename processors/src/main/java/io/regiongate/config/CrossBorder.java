package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a tenant's prompts may leave its home zone. */
public enum CrossBorder {
    @JsonProperty("never") NEVER,
    @JsonProperty("with-consent") WITH_CONSENT,
    @JsonProperty("allowed") ALLOWED
}
