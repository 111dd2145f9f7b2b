package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a redaction profile does with the personal data it finds in a prompt. */
public enum RedactionAction {
    /** replace each value with a typed, numbered placeholder such as {@code [EMAIL_1]} */
    @JsonProperty("redact") REDACT,
    /** refuse the request: 400 {@code pii_detected} naming the types found, never the values */
    @JsonProperty("block") BLOCK,
    /** count only: the prompt goes on unchanged */
    @JsonProperty("detect") DETECT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
