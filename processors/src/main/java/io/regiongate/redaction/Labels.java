package io.regiongate.redaction;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Words one of which must stand shortly before a value for it to count ({@code BSN}, {@code PESEL},
 * {@code tel}), compared ignoring case in place: no copy of the text around each candidate.
 */
final class Labels {

    /** How far before a value its label may stand. */
    static final int WINDOW = 40;

    private final boolean empty;
    /**
     * The words by their first (ASCII) character: a position before a value is passed over with one
     * look-up, or compared only with the words that start with its character.
     */
    private final String[][] byFirstChar = new String[128][];

    /** @param words lower-case words; none: every value counts */
    Labels(List<String> words) {
        this.empty = words.isEmpty();
        for (String word : words.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList()) {
            char first = word.charAt(0);
            if (first >= 128) {
                throw new IllegalArgumentException("a label must start with an ASCII character: " + word);
            }
            String[] same = byFirstChar[first] == null ? new String[0] : byFirstChar[first];
            byFirstChar[first] = Arrays.copyOf(same, same.length + 1);
            byFirstChar[first][same.length] = word;
        }
    }

    boolean isEmpty() {
        return empty;
    }

    /** Whether one of the words lies wholly within the {@link #WINDOW} characters before {@code start}. */
    boolean standBefore(String text, int start) {
        for (int at = Math.max(0, start - WINDOW); at < start; at++) {
            char first = Character.toLowerCase(text.charAt(at));
            String[] candidates = first < 128 ? byFirstChar[first] : null;
            if (candidates == null) {
                continue;
            }
            for (String word : candidates) {
                if (at + word.length() <= start && restMatches(text, at, word)) {
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
