package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What of a request a tenant's redaction applies to. */
public enum RedactionTarget {
    /** the text of every message (and the text parts of multi-part content) before the upstream call */
    @JsonProperty("prompt") PROMPT,
    /** the answer's text, whole or streamed, before the client sees it */
    @JsonProperty("completion") COMPLETION
}
