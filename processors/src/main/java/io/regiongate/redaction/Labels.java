package io.regiongate.redaction;

import java.util.List;
import java.util.Locale;

/**
 * Words one of which must stand shortly before a value for it to count ({@code BSN}, {@code PESEL},
 * {@code tel}), compared ignoring case in place: no copy of the text around each candidate.
 */
final class Labels {

    /** How far before a value its label may stand. */
    static final int WINDOW = 40;

    private final List<String> words;
    /** Which ASCII characters start a word: most positions before a value are passed over with one look-up. */
    private final boolean[] firstChars = new boolean[128];

    /** @param words lower-case words; none: every value counts */
    Labels(List<String> words) {
        this.words = words.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        for (String word : this.words) {
            char first = word.charAt(0);
            if (first >= 128) {
                throw new IllegalArgumentException("a label must start with an ASCII character: " + word);
            }
            firstChars[first] = true;
        }
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    /** Whether one of the words lies wholly within the {@link #WINDOW} characters before {@code start}. */
    boolean standBefore(String text, int start) {
        for (int at = Math.max(0, start - WINDOW); at < start; at++) {
            char first = Character.toLowerCase(text.charAt(at));
            if (first >= 128 || !firstChars[first]) {
                continue;
            }
            for (String word : words) {
                if (word.charAt(0) == first && at + word.length() <= start && restMatches(text, at, word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean restMatches(String text, int at, String word) {
        for (int i = 1; i < word.length(); i++) {
            if (Character.toLowerCase(text.charAt(at + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
