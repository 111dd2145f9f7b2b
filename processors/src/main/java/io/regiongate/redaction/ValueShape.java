package io.regiongate.redaction;

/**
 * What every value of a type has at least, for a test of each run of words ({@link TextRegions})
 * that passes most runs over before a pattern is searched in them. Each bound must hold for every
 * value the type's pattern can match, or values are missed.
 *
 * @param digits  the fewest digits a value has
 * @param stretch the fewest consecutive digits a value has somewhere ({@code 4} for {@code 123-45-6789})
 * @param length  the fewest characters a value has
 */
record ValueShape(int digits, int stretch, int length) {

    /** Only a count of digits: {@code digits} of them, in any grouping. */
    static ValueShape digits(int digits) {
        return new ValueShape(digits, 0, digits);
    }

    /** Whether the run {@code region} of {@link TextRegions#numeric()} can hold a value of this shape. */
    boolean fits(int[] region) {
        return region[2] >= digits && region[3] >= stretch && region[1] - region[0] >= length;
    }
}
