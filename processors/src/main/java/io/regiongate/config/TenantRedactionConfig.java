package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A tenant's redaction.
 *
 * @param profile the profile's name; absent: the profile of the tenant's home zone ({@code redaction.zones})
 * @param restore turn placeholders in the answer back into the prompt's values before the client sees them
 * @param applyTo {@code prompt} (default), {@code completion}, or both
 */
public record TenantRedactionConfig(String profile, Boolean restore, @JsonProperty("apply-to") List<RedactionTarget> applyTo) {

    public TenantRedactionConfig {
        restore = restore != null && restore;
        applyTo = applyTo == null ? List.of(RedactionTarget.PROMPT) : List.copyOf(applyTo);
    }
}
