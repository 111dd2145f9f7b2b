package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * IBANs, written together or in groups of four: a candidate starting with a country code and two
 * check digits, cut to the length that country's IBAN has, then checked by Apache Commons
 * Validator's {@link IBANValidator} (the country's format and the ISO 13616 mod-97 check).
 */
public final class IbanDetector implements Detector {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{Alnum}])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){10,32}(?![a-z0-9])");

    private final PiiType type;
    private final IBANValidator validator = IBANValidator.getInstance();

    public IbanDetector(PiiType type) {
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
        for (int[] region : regions.numeric()) {
            matcher.region(region[0], region[1]);
            find(matcher, region[1], found);
        }
    }

    private void find(Matcher matcher, int regionEnd, List<PiiMatch> found) {
        while (matcher.find()) {
            String candidate = matcher.group();
            IBANValidator.Validator country = validator.getValidator(candidate.substring(0, 2));
            if (country == null) {
                continue;
            }
            int length = country.getIbanLength();
            StringBuilder compact = new StringBuilder(length);
            int end = 0;
            for (int i = 0; i < candidate.length() && compact.length() < length; i++) {
                char c = candidate.charAt(i);
                if (c != ' ') {
                    compact.append(c);
                }
                end = i + 1;
            }
            boolean endsOnBoundary = end == candidate.length() || candidate.charAt(end) == ' ';
            if (compact.length() == length && endsOnBoundary && validator.isValid(compact.toString())) {
                found.add(new PiiMatch(matcher.start(), matcher.start() + end, type));
                matcher.region(matcher.start() + end, regionEnd);
            }
        }
    }
}
