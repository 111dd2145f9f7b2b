package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a candidate pattern and a check of each candidate: the pattern is searched only
 * in the runs of words holding digits ({@link TextRegions}) that a value's {@link ValueShape} fits,
 * and each candidate it finds is handed to {@link #valueEnd}. The search goes on after the
 * end of each value found.
 */
abstract class CandidateDetector implements Detector {

    private final PiiType type;
    private final Pattern candidate;
    private final ValueShape shape;

    /** @param shape what every value has at least: runs it does not fit are not searched at all */
    CandidateDetector(PiiType type, Pattern candidate, ValueShape shape) {
        this.type = type;
        this.candidate = candidate;
        this.shape = shape;
    }

    @Override
    public final PiiType type() {
        return type;
    }

    @Override
    public final void find(TextRegions regions, List<PiiMatch> found) {
        String text = regions.text();
        Matcher matcher = null;
        for (int[] region : regions.numeric()) {
            if (!shape.fits(region) || !worthSearching(text, region[0], region[1])) {
                continue;
            }
            if (matcher == null) {
                matcher = inRegions(candidate, text);
            }
            matcher.region(region[0], region[1]);
            while (matcher.find()) {
                int end = matcher.end() > matcher.start() ? valueEnd(text, matcher) : -1;
                if (end < 0) {
                    continue;
                }
                found.add(new PiiMatch(matcher.start(), end, type));
                if (end < matcher.end()) {
                    matcher.region(end, region[1]);
                }
            }
        }
    }

    /** Whether the run from {@code from} to {@code to} can hold a value at all; a cheap test before the pattern. */
    boolean worthSearching(String text, int from, int to) {
        return true;
    }

    /**
     * Where the value the candidate at {@code matcher} holds ends (at most the candidate's end), or
     * -1 when it holds none.
     */
    abstract int valueEnd(String text, Matcher matcher);

    /** A matcher that is moved from run to run and whose look-arounds see past a run's ends. */
    static Matcher inRegions(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** {@code value} without the spaces, dots, dashes and slashes values are written with. */
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

    static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
