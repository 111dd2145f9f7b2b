package io.regiongate.redaction;

import java.util.List;

/** Finds the values of one {@link PiiType} in a text. Stateless and thread-safe. */
public interface Detector {

    PiiType type();

    /** Adds every value of this type found in the text of {@code regions} to {@code found}; looks only where {@code regions} say values can be. */
    void find(TextRegions regions, List<PiiMatch> found);

    /** Adds every value of this type found in {@code text} to {@code found}. */
    default void find(String text, List<PiiMatch> found) {
        find(TextRegions.of(text), found);
    }
}
