package io.regiongate.redaction;

import java.util.Locale;

/**
 * A kind of personal value, as configuration names it ({@code email}, {@code de-tax-id}, a custom
 * pattern's name) and as its placeholders show it ({@code EMAIL}, {@code DE_TAX_ID}).
 *
 * @param name     the detector's name in configuration, audit records and metric labels
 * @param label    the upper-case word of its placeholders, {@code [LABEL_1]}
 * @param priority lower wins when two detectors claim overlapping text (checksum-validated types first)
 */
public record PiiType(String name, String label, int priority) {

    /** A type whose placeholder label is its name upper-cased, {@code -} as {@code _}. */
    public static PiiType named(String name, int priority) {
        return new PiiType(name, name.toUpperCase(Locale.ROOT).replace('-', '_'), priority);
    }
}
