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
        char[] chars = text.toCharArray();   // a little cheaper to index here than String.charAt (RedactionCost)
        int length = chars.length;
        int regionStart = -1;
        int regionEnd = -1;
        int regionDigits = 0;
        int regionLongestRun = 0;
        int i = 0;
        while (i < length) {
            while (i < length && isWhitespace(chars[i])) {
                i++;
            }
            int tokenStart = i;
            boolean digit = false;
            int colons = 0;
            int tokenDigits = 0;
            int run = 0;
            int tokenLongestRun = 0;
            while (i < length && !isWhitespace(chars[i])) {
                char c = chars[i];
                if (c >= '0' && c <= '9') {
                    digit = true;
                    tokenDigits++;
                    tokenLongestRun = Math.max(tokenLongestRun, ++run);
                } else {
                    run = 0;
                    if (c == ':') {
                        colons++;
                    } else if (c == '@') {
                        atSigns.add(i);
                    }
                }
                i++;
            }
            if (tokenStart == i) {
                break;
            }
            boolean group = regionStart >= 0 && i - tokenStart <= 4 && upperAlnum(chars, tokenStart, i);
            if (digit || colons >= 2 || group) {
                boolean joins = regionStart >= 0 && tokenStart - regionEnd == 1 && chars[regionEnd] == ' ';
                if (!joins) {
                    if (regionStart >= 0) {
                        numeric.add(new int[] {regionStart, regionEnd, regionDigits, regionLongestRun});
                    }
                    regionStart = tokenStart;
                    regionDigits = 0;
                    regionLongestRun = 0;
                }
                regionEnd = i;
                regionDigits += tokenDigits;
                regionLongestRun = Math.max(regionLongestRun, tokenLongestRun);
            } else if (regionStart >= 0) {
                numeric.add(new int[] {regionStart, regionEnd, regionDigits, regionLongestRun});
                regionStart = -1;
            }
        }
        if (regionStart >= 0) {
            numeric.add(new int[] {regionStart, regionEnd, regionDigits, regionLongestRun});
        }
        return new TextRegions(text, numeric, atSigns);
    }

    /** {@link Character#isWhitespace}, with printable ASCII (nearly every character of a prompt) decided by one comparison. */
    private static boolean isWhitespace(char c) {
        return (c <= ' ' || c >= 128) && Character.isWhitespace(c);
    }

    /** A group of an IBAN written in fours may be letters only ({@code NL91 ABNA 0417 …}). */
    private static boolean upperAlnum(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public String text() {
        return text;
    }

    /**
     * {start, end, digits, longest} of each run of words holding digits, in text order: {@code digits}
     * counts all its digits, {@code longest} is its longest stretch of consecutive digits.
     */
    public List<int[]> numeric() {
        return numeric;
    }

    /** Indexes of every {@code @}. */
    public List<Integer> atSigns() {
        return atSigns;
    }
}
