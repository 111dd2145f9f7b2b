package io.regiongate.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * IBANs, written together or in groups of four: a candidate starting with a country code and two
 * check digits, cut to the length that country's IBAN has, then checked by Apache Commons
 * Validator's {@link IBANValidator} (the country's format and the ISO 13616 mod-97 check).
 */
public final class IbanDetector extends CandidateDetector {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{Alnum}])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){10,32}(?![a-z0-9])");

    private final IBANValidator validator = IBANValidator.getInstance();

    public IbanDetector(PiiType type) {
        super(type, CANDIDATE, new ValueShape(2, 2, 15));
    }

    /** An IBAN starts with a country code and two check digits ({@code DE89}). */
    @Override
    boolean worthSearching(String text, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (isCapital(text.charAt(i)) && isCapital(text.charAt(i + 1)) && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    @Override
    int valueEnd(String text, Matcher matcher) {
        String candidate = matcher.group();
        IBANValidator.Validator country = validator.getValidator(candidate.substring(0, 2));
        if (country == null) {
            return -1;
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
        boolean valid = compact.length() == length && endsOnBoundary && validator.isValid(compact.toString());
        return valid ? matcher.start() + end : -1;
    }
}
