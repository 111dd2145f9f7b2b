package io.regiongate.redaction;

/**
 * One personal value found in a text: where it is and what kind it is.
 *
 * @param start index of its first character
 * @param end   index after its last character
 * @param type  the detector's type
 */
public record PiiMatch(int start, int end, PiiType type) {

    public int length() {
        return end - start;
    }

    public boolean overlaps(PiiMatch other) {
        return start < other.end && other.start < end;
    }
}
