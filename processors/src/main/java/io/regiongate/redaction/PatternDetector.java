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
public final class PatternDetector implements Detector {

    private final PiiType type;
    private final Pattern pattern;
    private final Predicate<String> valid;
    private final Labels labels;
    private final int minDigits;

    /**
     * @param valid  the check of a candidate with spaces, dots, dashes and slashes removed
     * @param labels lower-case words one of which must precede the value; empty when none is needed
     */
    public PatternDetector(PiiType type, Pattern pattern, Predicate<String> valid, List<String> labels) {
        this(type, pattern, valid, labels, 0);
    }

    /** @param minDigits the fewest digits a value has: runs with fewer are not searched at all */
    public PatternDetector(PiiType type, Pattern pattern, Predicate<String> valid, List<String> labels, int minDigits) {
        this.type = type;
        this.pattern = pattern;
        this.valid = valid;
        this.labels = new Labels(labels);
        this.minDigits = minDigits;
    }

    /** A custom pattern from configuration: every match counts, wherever it is (see {@link CustomPatternDetector}). */
    public static Detector custom(PiiType type, String regex) {
        return new CustomPatternDetector(type, Pattern.compile(regex));
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void find(TextRegions regions, List<PiiMatch> found) {
        String text = regions.text();
        Matcher matcher = inRegions(pattern, text);
        for (int[] region : regions.numeric()) {
            if (region[2] < minDigits) {
                continue;
            }
            matcher.region(region[0], region[1]);
            while (matcher.find()) {
                if (matcher.end() == matcher.start()) {
                    continue;
                }
                if (valid.test(compact(matcher.group())) && labelled(text, matcher.start())) {
                    found.add(new PiiMatch(matcher.start(), matcher.end(), type));
                }
            }
        }
    }

    /** A matcher that is moved from region to region and whose look-arounds see past a region's ends. */
    static Matcher inRegions(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    private boolean labelled(String text, int start) {
        return labels.isEmpty() || labels.standBefore(text, start);
    }

    static String compact(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '.' && c != '-' && c != '/' && c != '\u00a0') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
