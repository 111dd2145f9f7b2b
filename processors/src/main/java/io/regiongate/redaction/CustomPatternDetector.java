package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pattern from {@code redaction.patterns}: every match counts, searched in the whole text (it may hold no digit). */
final class CustomPatternDetector implements Detector {

    private final PiiType type;
    private final Pattern pattern;

    CustomPatternDetector(PiiType type, Pattern pattern) {
        this.type = type;
        this.pattern = pattern;
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void find(TextRegions regions, List<PiiMatch> found) {
        Matcher matcher = pattern.matcher(regions.text());
        while (matcher.find()) {
            if (matcher.end() > matcher.start()) {
                found.add(new PiiMatch(matcher.start(), matcher.end(), type));
            }
        }
    }
}
