package io.regiongate.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.CreditCardValidator;

/**
 * Payment card numbers of 13 to 19 digits, together or grouped by spaces or dashes, checked by
 * Apache Commons Validator's {@link CreditCardValidator}: the issuer's ranges and lengths (Visa,
 * Mastercard, American Express, Discover, Diners, V Pay) and the Luhn check digit.
 */
public final class PaymentCardDetector extends CandidateDetector {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\p{Alnum}.,+-])\\d(?:[ -]?\\d){12,18}(?![\\d])");

    private final CreditCardValidator validator = new CreditCardValidator(CreditCardValidator.AMEX
            | CreditCardValidator.VISA | CreditCardValidator.MASTERCARD | CreditCardValidator.DISCOVER
            | CreditCardValidator.DINERS | CreditCardValidator.VPAY);

    public PaymentCardDetector(PiiType type) {
        super(type, CANDIDATE, ValueShape.digits(13));
    }

    @Override
    int valueEnd(String text, Matcher matcher) {
        boolean valid = !afterIbanHead(text, matcher.start()) && validator.isValid(compact(matcher.group()));
        return valid ? matcher.end() : -1;
    }

    /** Whether an IBAN's head written in groups ({@code DE89 }) stands just before: its digits are not a card's. */
    private static boolean afterIbanHead(String text, int start) {
        return start >= 5 && isCapital(text.charAt(start - 5)) && isCapital(text.charAt(start - 4))
                && isDigit(text.charAt(start - 3)) && isDigit(text.charAt(start - 2)) && text.charAt(start - 1) == ' ';
    }
}
