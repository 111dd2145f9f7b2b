package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.CreditCardValidator;

/**
 * Payment card numbers of 13 to 19 digits, together or grouped by spaces or dashes, checked by
 * Apache Commons Validator's {@link CreditCardValidator}: the issuer's ranges and lengths (Visa,
 * Mastercard, American Express, Discover, Diners, V Pay) and the Luhn check digit.
 */
public final class PaymentCardDetector implements Detector {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\p{Alnum}.,+-])\\d(?:[ -]?\\d){12,18}(?![\\d])");

    /** The head of an IBAN written in groups: its digits are not a card's. */
    private static final Pattern IBAN_HEAD_BEFORE = Pattern.compile("[A-Z]{2}\\d{2} $");

    private final PiiType type;
    private final CreditCardValidator validator = new CreditCardValidator(CreditCardValidator.AMEX
            | CreditCardValidator.VISA | CreditCardValidator.MASTERCARD | CreditCardValidator.DISCOVER
            | CreditCardValidator.DINERS | CreditCardValidator.VPAY);

    public PaymentCardDetector(PiiType type) {
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
            if (region[2] < 13) {
                continue;
            }
            matcher.region(region[0], region[1]);
            find(text, matcher, found);
        }
    }

    private void find(String text, Matcher matcher, List<PiiMatch> found) {
        while (matcher.find()) {
            boolean afterIbanHead = IBAN_HEAD_BEFORE.matcher(text.substring(Math.max(0, matcher.start() - 5), matcher.start())).find();
            if (!afterIbanHead && validator.isValid(PatternDetector.compact(matcher.group()))) {
                found.add(new PiiMatch(matcher.start(), matcher.end(), type));
            }
        }
    }
}
