package io.regiongate.config;

import java.util.List;

/**
 * One named redaction profile, e.g. {@code gdpr}.
 *
 * @param detect    detector names (built-in, groups, or keys of {@code redaction.patterns})
 * @param action    {@code redact} (default), {@code block} or {@code detect}
 * @param countries ISO 3166 codes whose national phone formats the {@code phone} detector knows;
 *                  international numbers ({@code +…}) are found without them
 */
public record RedactionProfileConfig(List<String> detect, RedactionAction action, List<String> countries) {

    public RedactionProfileConfig {
        detect = detect == null ? List.of() : List.copyOf(detect);
        action = action == null ? RedactionAction.REDACT : action;
        countries = countries == null ? List.of() : List.copyOf(countries);
    }
}
