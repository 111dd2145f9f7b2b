package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What of a request's content its audit record keeps. Raw content never. */
public enum AuditContent {
    /** nothing */
    @JsonProperty("none") NONE,
    /** the SHA-256 of the prompt and of the completion */
    @JsonProperty("hash") HASH,
    /** the same hashes until PII redaction exists */
    @JsonProperty("redacted") REDACTED;

    /** As configuration and the record write it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
