package io.regiongate.redaction;

import io.regiongate.config.RedactionAction;

/** A profile as configured ({@code redaction.profiles.<name>}), its detectors built once. */
public record RedactionProfile(String name, RedactionAction action, PiiScanner scanner) {
}
