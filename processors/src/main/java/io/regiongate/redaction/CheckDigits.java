package io.regiongate.redaction;

/**
 * The check-digit rules of national identifiers that neither Apache Commons Validator nor
 * libphonenumber knows. Each takes the identifier with its separators removed and says whether it
 * is well formed and its check digit holds. Written by hand because no well-kept Java library on
 * the registry covers them (see the README's "PII redaction" section); each rule is the published
 * one, cited on its method.
 */
public final class CheckDigits {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
            22, 25, 24, 23};
    private static final String CF_OMOCODIA = "LMNPQRSTUV";
    private static final int[] PESEL_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

    private CheckDigits() {
    }

    /**
     * German Steuer-Identifikationsnummer: 11 digits, the first not 0; among the first ten exactly
     * one digit occurs twice or three times (three never in a row) and the others at most once; the
     * eleventh is the ISO 7064 MOD 11,10 check digit (BZSt specification).
     */
    public static boolean deTaxId(String digits) {
        if (!allDigits(digits, 11) || digits.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[digits.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int count : counts) {
            if (count > 3) {
                return false;
            }
            if (count >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        for (int i = 2; i < 10; i++) {
            if (digits.charAt(i) == digits.charAt(i - 1) && digits.charAt(i) == digits.charAt(i - 2)) {
                return false;
            }
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == digits.charAt(10) - '0';
    }

    /**
     * French NIR (numéro de sécurité sociale): sex 1, 2, 3, 4, 7 or 8; year; month 01-12 or 20-99;
     * department (2A/2B for Corsica, counted as 19/18); commune; order; then the key, 97 minus the
     * first 13 digits modulo 97 (INSEE).
     */
    public static boolean frNir(String value) {
        if (value.length() != 15) {
            return false;
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        String department = upper.substring(5, 7);
        String body = upper.substring(0, 13);
        if ("2A".equals(department)) {
            body = body.substring(0, 5) + "19" + body.substring(7);
        } else if ("2B".equals(department)) {
            body = body.substring(0, 5) + "18" + body.substring(7);
        }
        if (!allDigits(body, 13) || !allDigits(upper.substring(13), 2) || "123478".indexOf(upper.charAt(0)) < 0) {
            return false;
        }
        int month = Integer.parseInt(upper.substring(3, 5));
        if (month == 0 || (month > 12 && month < 20)) {
            return false;
        }
        long number = Long.parseLong(body);
        return 97 - (number % 97) == Integer.parseInt(upper.substring(13));
    }

    /**
     * Italian codice fiscale: 16 characters (letters, digits, and the letters that replace digits
     * of a homocode), the last the check letter from the odd/even tables of DM 23/12/1976.
     */
    public static boolean itCodiceFiscale(String value) {
        if (value.length() != 16) {
            return false;
        }
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = upper.charAt(i);
            int index;
            if (c >= '0' && c <= '9') {
                index = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                index = c - 'A';
            } else {
                return false;
            }
            sum += (i % 2 == 0) ? CF_ODD[index] : index;
        }
        return upper.charAt(15) == (char) ('A' + sum % 26);
    }

    /** The digit a homocode letter of a codice fiscale stands for, or the digit itself. */
    static boolean cfDigitOrOmocode(char c) {
        return (c >= '0' && c <= '9') || CF_OMOCODIA.indexOf(c) >= 0;
    }

    /** Spanish DNI: 8 digits and the letter of their value modulo 23 (Real Decreto 1553/2005). */
    public static boolean esDni(String value) {
        if (value.length() != 9 || !allDigits(value.substring(0, 8), 8)) {
            return false;
        }
        int number = Integer.parseInt(value.substring(0, 8));
        return Character.toUpperCase(value.charAt(8)) == DNI_LETTERS.charAt(number % 23);
    }

    /** Spanish NIE: X, Y or Z (as 0, 1, 2), 7 digits, and the DNI letter of the 8-digit number. */
    public static boolean esNie(String value) {
        if (value.length() != 9) {
            return false;
        }
        int lead = "XYZ".indexOf(Character.toUpperCase(value.charAt(0)));
        return lead >= 0 && esDni(lead + value.substring(1));
    }

    /** Dutch BSN: 9 digits passing the eleven test (9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11), not 0. */
    public static boolean nlBsn(String digits) {
        if (!allDigits(digits, 9)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (digits.charAt(i) - '0');
        }
        sum -= digits.charAt(8) - '0';
        return sum != 0 && sum % 11 == 0;
    }

    /**
     * Polish PESEL: 11 digits, a real birth date (the month carries the century: +80 for the 1800s,
     * +0, +20, +40, +60 after), and the check digit of weights 1-3-7-9.
     */
    public static boolean plPesel(String digits) {
        if (!allDigits(digits, 11)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += PESEL_WEIGHTS[i] * (digits.charAt(i) - '0');
        }
        if ((10 - sum % 10) % 10 != digits.charAt(10) - '0') {
            return false;
        }
        int year = Integer.parseInt(digits.substring(0, 2));
        int monthCode = Integer.parseInt(digits.substring(2, 4));
        int day = Integer.parseInt(digits.substring(4, 6));
        int century = switch (monthCode / 20) {
            case 4 -> 1800;
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> -1;
        };
        int month = monthCode % 20;
        if (century < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= java.time.YearMonth.of(century + year, month).lengthOfMonth();
    }

    /**
     * US Social Security number: area not 000, 666 or 900-999; group not 00; serial not 0000
     * (SSA's rules since 2011 randomisation still exclude these).
     */
    public static boolean usSsn(String digits) {
        if (!allDigits(digits, 9)) {
            return false;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    /** US ITIN: 9 first, then group 50-65, 70-88, 90-92 or 94-99 (IRS). */
    public static boolean usItin(String digits) {
        if (!allDigits(digits, 9) || digits.charAt(0) != '9') {
            return false;
        }
        int group = Integer.parseInt(digits.substring(3, 5));
        return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92)
                || group >= 94;
    }

    /** US ABA routing number: a Federal Reserve prefix and the 3-7-1 weighted sum divisible by 10. */
    public static boolean usRouting(String digits) {
        if (!allDigits(digits, 9)) {
            return false;
        }
        int prefix = Integer.parseInt(digits.substring(0, 2));
        boolean knownPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80;
        int sum = 0;
        int[] weights = {3, 7, 1};
        for (int i = 0; i < 9; i++) {
            sum += weights[i % 3] * (digits.charAt(i) - '0');
        }
        return knownPrefix && sum % 10 == 0 && !digits.equals("000000000");
    }

    static boolean allDigits(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
