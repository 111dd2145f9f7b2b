package io.regiongate.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request's redaction: the placeholders it handed out (the same value always gets the same
 * placeholder, {@code [EMAIL_1]}, {@code [EMAIL_2]}, … per type), how many values of each type it
 * found, and the redacted text its audit record keeps. The mapping from placeholders to values
 * lives only here, in this request's memory: it is never logged, recorded, counted or forwarded,
 * and goes when the request ends.
 *
 * <p>A placeholder that the client's own text already holds is never handed out, so restoring can
 * never turn the client's literal {@code [EMAIL_1]} into a value. Used by the request's thread and,
 * during a stream, by the client connection's event loop, one after the other: methods are
 * synchronized for the hand-over.
 */
public final class RedactionSession {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z][A-Z0-9_]*)_(\\d{1,9})\\]");

    private final TenantRedaction policy;
    private final long auditCapChars;
    private final int holdBackChars;
    private final Map<String, String> placeholderOfValue = new HashMap<>();
    private final Map<String, String> valueOfPlaceholder = new HashMap<>();
    private final Map<String, Integer> lastNumber = new HashMap<>();
    private final Set<String> reserved = new HashSet<>();
    private final TreeMap<String, Integer> counts = new TreeMap<>();
    private final TreeMap<Integer, StringBuilder> completion = new TreeMap<>();
    private JsonNode promptForAudit;
    private volatile boolean auditKeepsText;
    private boolean completionTruncated;

    /**
     * @param auditCapChars the most completion characters kept for the audit record (per request)
     * @param holdBackChars the most characters a stream's redactor holds back (see {@link StreamTextRedactor})
     */
    public RedactionSession(TenantRedaction policy, long auditCapChars, int holdBackChars) {
        this.policy = policy;
        this.auditCapChars = auditCapChars;
        this.holdBackChars = holdBackChars;
    }

    /** The tenant's audit record keeps the redacted text ({@code audit.content: redacted}). */
    public void auditKeepsText(boolean keeps) {
        this.auditKeepsText = keeps;
    }

    /**
     * Whether the answer's text must pass through redaction: for the client ({@code apply-to:
     * completion}, {@code restore}) or for the audit record. When not, a stream is not held back at all.
     */
    public boolean answerNeedsRedaction() {
        return policy.touchesAnswer() || auditKeepsText;
    }

    /** A redactor for one streamed answer of this request. */
    public StreamTextRedactor streamRedactor() {
        return new StreamTextRedactor(this, holdBackChars);
    }

    public TenantRedaction policy() {
        return policy;
    }

    public RedactionProfile profile() {
        return policy.profile();
    }

    /** Placeholders already written in {@code text} (the client's own) are never handed out. */
    public synchronized void reserveExisting(String text) {
        if (text.indexOf('[') < 0) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        for (int at = text.indexOf('['); at >= 0 && at + 1 < text.length(); at = text.indexOf('[', at + 1)) {
            char next = text.charAt(at + 1);
            if (next >= 'A' && next <= 'Z' && matcher.region(at, text.length()).lookingAt()) {
                reserved.add(matcher.group());
            }
        }
    }

    /** The values of the profile's types in {@code text}. */
    public List<PiiMatch> scan(String text) {
        return policy.profile().scanner().scan(text);
    }

    /** {@code text} with each detected value replaced by its placeholder; every value is counted. */
    public String redact(String text) {
        return replace(text, scan(text));
    }

    /** {@code text} with the given matches (in text order, not overlapping) replaced and counted. */
    public synchronized String replace(String text, List<PiiMatch> matches) {
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PiiMatch match : matches) {
            out.append(text, at, match.start());
            out.append(placeholderFor(match.type(), text.substring(match.start(), match.end())));
            counts.merge(match.type().name(), 1, Integer::sum);
            at = match.end();
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /** Counts the matches without replacing anything (action {@code detect} and {@code block}). */
    public synchronized void count(List<PiiMatch> matches) {
        matches.forEach(match -> counts.merge(match.type().name(), 1, Integer::sum));
    }

    /** {@code text} with every placeholder this request handed out turned back into its value. */
    public synchronized String restore(String text) {
        if (valueOfPlaceholder.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (matcher.find()) {
            String value = valueOfPlaceholder.get(matcher.group());
            if (value != null) {
                out.append(text, at, matcher.start()).append(value);
                at = matcher.end();
            }
        }
        return at == 0 ? text : out.append(text, at, text.length()).toString();
    }

    private String placeholderFor(PiiType type, String value) {
        String key = type.name() + '\u0000' + value;
        String existing = placeholderOfValue.get(key);
        if (existing != null) {
            return existing;
        }
        int number = lastNumber.getOrDefault(type.label(), 0);
        String placeholder;
        do {
            number++;
            placeholder = "[" + type.label() + "_" + number + "]";
        } while (reserved.contains(placeholder));
        lastNumber.put(type.label(), number);
        placeholderOfValue.put(key, placeholder);
        valueOfPlaceholder.put(placeholder, value);
        return placeholder;
    }

    /** Values found so far, per type name, in name order. */
    public synchronized Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }

    /** The type names found so far, in name order. */
    public synchronized List<String> typesFound() {
        return List.copyOf(counts.keySet());
    }

    /** The redacted {@code messages} the audit record keeps. */
    public synchronized void promptForAudit(JsonNode messages) {
        this.promptForAudit = messages;
    }

    public synchronized JsonNode promptForAudit() {
        return promptForAudit;
    }

    /** Adds redacted answer text of one choice for the audit record (up to the cap; then it is marked cut). */
    public synchronized void completionForAudit(int choice, String redactedText) {
        if (redactedText.isEmpty()) {
            return;
        }
        long held = completion.values().stream().mapToLong(StringBuilder::length).sum();
        long room = auditCapChars - held;
        if (room <= 0) {
            completionTruncated = true;
            return;
        }
        StringBuilder text = completion.computeIfAbsent(choice, index -> new StringBuilder());
        if (redactedText.length() > room) {
            text.append(redactedText, 0, (int) room);
            completionTruncated = true;
        } else {
            text.append(redactedText);
        }
    }

    /** The redacted completion: one choice's text, or the choices' texts joined by a blank line; null when none. */
    public synchronized String completionForAudit() {
        if (completion.isEmpty()) {
            return null;
        }
        return String.join("\n\n", completion.values().stream().map(StringBuilder::toString).toList());
    }

    public synchronized boolean completionTruncated() {
        return completionTruncated;
    }
}
