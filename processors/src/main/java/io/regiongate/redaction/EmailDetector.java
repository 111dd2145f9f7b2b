package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * E-mail addresses: a candidate {@code local@domain.tld} checked by Apache Commons Validator's
 * {@link EmailValidator} (RFC syntax and a top-level domain IANA knows, so {@code a@b.c} in code or
 * {@code user@host.local} is not reported).
 */
public final class EmailDetector implements Detector {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])");

    private static final String LOCAL = "._%+-";

    private final PiiType type;
    private final EmailValidator validator = EmailValidator.getInstance(false, false);

    public EmailDetector(PiiType type) {
        this.type = type;
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void find(TextRegions regions, List<PiiMatch> found) {
        String text = regions.text();
        Matcher matcher = PatternDetector.inRegions(CANDIDATE, text);
        int searchedTo = 0;
        for (int at : regions.atSigns()) {
            if (at < searchedTo) {
                continue;
            }
            int start = at;
            while (start > searchedTo && at - start < 64) {
                char before = text.charAt(start - 1);
                boolean local = before < 128 && (Character.isLetterOrDigit(before) || LOCAL.indexOf(before) >= 0);
                if (!local) {
                    break;
                }
                start--;
            }
            while (start < at && !Character.isLetterOrDigit(text.charAt(start))) {
                start++;
            }
            matcher.region(start, Math.min(text.length(), at + 256));
            if (start < at && matcher.lookingAt()) {
                if (validator.isValid(matcher.group())) {
                    found.add(new PiiMatch(matcher.start(), matcher.end(), type));
                }
                searchedTo = matcher.end();
            }
        }
    }
}
