package io.regiongate.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a text personal values can be at all, found in one pass so that the detectors look only
 * there: runs of words that hold a digit (or are an IPv6 address's {@code ::} form, or, inside a
 * run, a group of up to four capitals such as an IBAN's bank code), joined when a single space
 * separates them ({@code DE89 3704 0044 …}, {@code +49 30 901820}), and the positions
 * of {@code @}. Prose without digits costs one pass over its characters.
 */
public final class TextRegions {

    private final String text;
    private final List<int[]> numeric;
    private final List<Integer> atSigns;

    private TextRegions(String text, List<int[]> numeric, List<Integer> atSigns) {
        this.text = text;
        this.numeric = numeric;
        this.atSigns = atSigns;
    }

    public static TextRegions of(String text) {
        List<int[]> numeric = new ArrayList<>();
        List<Integer> atSigns = new ArrayList<>();
        int length = text.length();
        int regionStart = -1;
        int regionEnd = -1;
        int regionDigits = 0;
        int i = 0;
        while (i < length) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int tokenStart = i;
            boolean digit = false;
            int colons = 0;
            int tokenDigits = 0;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                    tokenDigits++;
                } else if (c == ':') {
                    colons++;
                } else if (c == '@') {
                    atSigns.add(i);
                }
                i++;
            }
            if (tokenStart == i) {
                break;
            }
            boolean group = regionStart >= 0 && i - tokenStart <= 4 && upperAlnum(text, tokenStart, i);
            if (digit || colons >= 2 || group) {
                boolean joins = regionStart >= 0 && tokenStart - regionEnd == 1 && text.charAt(regionEnd) == ' ';
                if (!joins) {
                    if (regionStart >= 0) {
                        numeric.add(new int[] {regionStart, regionEnd, regionDigits});
                    }
                    regionStart = tokenStart;
                    regionDigits = 0;
                }
                regionEnd = i;
                regionDigits += tokenDigits;
            } else if (regionStart >= 0) {
                numeric.add(new int[] {regionStart, regionEnd, regionDigits});
                regionStart = -1;
            }
        }
        if (regionStart >= 0) {
            numeric.add(new int[] {regionStart, regionEnd, regionDigits});
        }
        return new TextRegions(text, numeric, atSigns);
    }

    /** A group of an IBAN written in fours may be letters only ({@code NL91 ABNA 0417 …}). */
    private static boolean upperAlnum(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public String text() {
        return text;
    }

    /** {start, end, digits} of each run of words holding digits, in text order. */
    public List<int[]> numeric() {
        return numeric;
    }

    /** Indexes of every {@code @}. */
    public List<Integer> atSigns() {
        return atSigns;
    }
}
