package io.regiongate.redaction;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers, found by Google's libphonenumber ({@link PhoneNumberUtil#findNumbers} at leniency
 * {@code VALID}: a number valid for its country, its national prefix written where that country
 * needs one): international numbers ({@code +49 …}) always, and national formats of each of the
 * profile's countries ({@code 030 …} with {@code DE}). A text with no run of six digits is not
 * searched at all. Besides libphonenumber's own checks, a number counts only when written the way
 * people write phone numbers: starting with {@code +}, or with the national prefix {@code 0} or an
 * area code in brackets and grouped by separators, or (also as bare digits) after a word such as {@code tel}, {@code phone} or {@code call} within
 * 40 characters (in Spain, Poland or Italy almost every 9- or 10-digit order number is also a valid
 * number); national formats are read as the numbers of each country in turn until one reads them as
 * valid; never as part of an identifier ({@code ORD-2023-690580}, a group of an IBAN) or the tail of a
 * longer run of digit groups, and never
 * shaped as a date ({@code 02.06.2022}).
 */
public final class PhoneDetector implements Detector {

    private static final String UNKNOWN_REGION = "ZZ";
    private static final Labels LABELS = new Labels(List.of("tel", "phone", "call", "mobile", "cell", "fax", "whatsapp",
            "ruf", "handy", "téléphone", "portable", "appel", "cellulare", "chiam", "móvil", "movil", "llam",
            "komórk", "numer", "numéro", "número", "tél", "bel ", "mobiel"));
    /** The fewest digits a number this detector reports has (a short national number, {@code 030 1234}). */
    private static final int MIN_DIGITS = 6;
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{1,4}([./-])\\d{1,2}\\1\\d{1,4}");
    private static final java.util.regex.Pattern GROUP_BEFORE = java.util.regex.Pattern.compile("[A-Z0-9]{4} $");

    private final PiiType type;
    private final List<String> regions;
    /** The profile's countries whose national numbers are written starting with 0 (trunk prefix 0, or Italy's leading 0). */
    private final List<String> zeroRegions;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** @param countries ISO 3166 codes whose national formats count; empty: international format only */
    public PhoneDetector(PiiType type, List<String> countries) {
        this.type = type;
        this.regions = countries.isEmpty() ? List.of(UNKNOWN_REGION) : List.copyOf(countries);
        this.zeroRegions = regions.stream().filter(region -> "0".equals(util.getNddPrefixForRegion(region, true))
                || "IT".equals(region) || "SM".equals(region) || "VA".equals(region)).toList();
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void find(TextRegions candidates, List<PiiMatch> found) {
        String text = candidates.text();
        for (int[] candidate : candidates.numeric()) {
            if (candidate[2] < MIN_DIGITS || !hasDigits(text, candidate[0], candidate[1], MIN_DIGITS)) {
                continue;
            }
            int from = firstPhoneLikeToken(text, candidate[0], candidate[1]);
            if (from != candidate[0] && LABELS.standBefore(text, candidate[0])) {
                from = candidate[0];
            }
            if (from < 0 || !hasDigits(text, from, candidate[1], MIN_DIGITS)) {
                continue;
            }
            String part = text.substring(from, candidate[1]);
            List<String> tried = part.charAt(0) == '+' ? List.of(UNKNOWN_REGION) : part.charAt(0) == '0' ? zeroRegions : regions;
            for (String region : tried) {
                if (findIn(text, from, part, region, found)) {
                    break;
                }
            }
        }
    }

    /**
     * Adds the numbers libphonenumber finds in {@code part} (at {@code from} in {@code text}) read as
     * numbers of {@code region}; whether one was found: a number valid in one of the profile's
     * countries is not read again as another's (each reading costs a full parse and validation).
     */
    private boolean findIn(String text, int from, String part, String region, List<PiiMatch> found) {
        boolean any = false;
        for (PhoneNumberMatch match : util.findNumbers(part, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            int start = from + match.start();
            if (writtenAsPhone(text, start, match.rawString())) {
                found.add(new PiiMatch(start, from + match.end(), type));
                any = true;
            }
        }
        return any;
    }

    /**
     * Where the first word of a run that starts as phone numbers are written starts ({@code +…},
     * {@code 0…} or {@code (…}, followed by more of the number), or -1: a cheap test before libphonenumber.
     */
    private static int firstPhoneLikeToken(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            // a word after one that ends in a digit continues that number (an IBAN, a tax id): not a phone's start
            if (i == from || text.charAt(i - 1) == ' ' && !Character.isLetterOrDigit(text.charAt(i - 2))) {
                char c = text.charAt(i);
                if (c == '+' || c == '(' || (c == '0' && hasSeparatorBefore(text, i, to))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A word starting with 0 that is not bare digits up to the run's end (0 30 …, 030 1234, 030-1234). */
    private static boolean hasSeparatorBefore(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean writtenAsPhone(String text, int start, String raw) {
        if (DATE.matcher(raw).matches()) {
            return false;
        }
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (Character.isLetterOrDigit(before) || before == '-' || before == '/' || before == '#' || before == '.') {
                return false;
            }
            if (GROUP_BEFORE.matcher(text.substring(Math.max(0, start - 5), start)).find()) {
                return false;
            }
            if (before == ' ' && start > 1 && Character.isDigit(text.charAt(start - 2))) {
                return false;
            }
        }
        char first = raw.charAt(0);
        boolean written = first == '+' || ((first == '0' || first == '(') && !bareDigits(raw));
        return written || LABELS.standBefore(text, start);
    }

    private static boolean bareDigits(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (!Character.isDigit(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} holds at least {@code least} digits between {@code from} and {@code to}, counting through separators of one character. */
    static boolean hasDigits(String text, int from, int to, int least) {
        int run = 0;
        int gap = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                run++;
                gap = 0;
                if (run >= least) {
                    return true;
                }
            } else if (++gap > 1) {
                run = 0;
            }
        }
        return false;
    }
}
