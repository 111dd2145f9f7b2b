package io.regiongate.redaction;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a candidate pattern, a check of each candidate (its separators removed), and,
 * for identifiers whose check digit lets through one number in ten or eleven (a bare 9- or
 * 11-digit number), the labels one of which must stand just before the value ({@code BSN},
 * {@code PESEL}, {@code Steuer-ID}): without them every order number would be a suspect.
 */
public final class PatternDetector extends CandidateDetector {

    private final Predicate<String> valid;
    private final Labels labels;

    /**
     * @param valid  the check of a candidate with spaces, dots, dashes and slashes removed
     * @param labels lower-case words one of which must precede the value; empty when none is needed
     * @param shape  what every match of {@code pattern} has at least: runs it does not fit are not searched
     */
    PatternDetector(PiiType type, Pattern pattern, Predicate<String> valid, List<String> labels, ValueShape shape) {
        super(type, pattern, shape);
        this.valid = valid;
        this.labels = new Labels(labels);
    }

    /** A custom pattern from configuration: every match counts, wherever it is (see {@link CustomPatternDetector}). */
    public static Detector custom(PiiType type, String regex) {
        return new CustomPatternDetector(type, Pattern.compile(regex));
    }

    @Override
    int valueEnd(String text, Matcher matcher) {
        boolean labelled = labels.isEmpty() || labels.standBefore(text, matcher.start());
        return labelled && valid.test(compact(matcher.group())) ? matcher.end() : -1;
    }
}
