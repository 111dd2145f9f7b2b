package io.regiongate.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redacts a streamed answer event by event, with a bounded hold-back window so that a value split
 * across two events is still found. No event is held back: every event goes on at once, but the
 * text of each choice that might be the beginning of a value stays behind until the next event
 * shows how it goes on, and then goes out, redacted, in that event. What stays behind is:
 * <ul>
 *   <li>the last word, when the text does not end in white space (it may go on: {@code bob@exa});</li>
 *   <li>before it, words that hold a digit or start with {@code +} or {@code (}, as long as only single
 *       spaces separate them (a phone number, an IBAN or a card written in groups);</li>
 *   <li>a value found that reaches into that tail, whole;</li>
 *   <li>never more than {@code holdBackChars} characters: what lies further back goes out.</li>
 * </ul>
 * Everything held goes out with the choice's {@code finish_reason}, or before {@code [DONE]} in an
 * event of its own. Labels just before a value ({@code BSN}) are seen because the last 40 characters
 * released are scanned again as context (never re-sent).
 */
public final class StreamTextRedactor {

    private static final int CONTEXT_CHARS = Labels.WINDOW;

    private final RedactionSession session;
    private final int holdBackChars;
    private final Map<Integer, Pending> pending = new TreeMap<>();
    private JsonNode lastChunk;

    public StreamTextRedactor(RedactionSession session, int holdBackChars) {
        this.session = session;
        this.holdBackChars = holdBackChars;
    }

    /** The event the client gets instead of {@code chunk}; the same object when nothing changes. */
    public SseChunk transform(SseChunk chunk) {
        if (!chunk.relayed()) {
            return chunk;
        }
        if (chunk.isDone()) {
            return flushBeforeDone(chunk);
        }
        JsonNode json = chunk.json();
        if (json == null || !(json.path("choices") instanceof ArrayNode choices) || choices.isEmpty()) {
            return chunk;
        }
        lastChunk = json;
        ObjectNode copy = json.deepCopy();
        boolean changed = false;
        for (JsonNode choice : (ArrayNode) copy.get("choices")) {
            if (!(choice instanceof ObjectNode choiceObject)) {
                continue;
            }
            int index = choice.path("index").asInt(0);
            JsonNode delta = choice.path("delta");
            String text = delta.path("content").isTextual() ? delta.get("content").asText() : "";
            boolean finished = !choice.path("finish_reason").isMissingNode() && !choice.path("finish_reason").isNull();
            Pending state = pending.computeIfAbsent(index, i -> new Pending());
            if (text.isEmpty() && !finished) {
                continue;
            }
            state.text.append(text);
            String out = release(index, state, finished);
            if (!out.equals(text)) {
                if (delta instanceof ObjectNode deltaObject) {
                    deltaObject.set("content", TextNode.valueOf(out));
                } else {
                    ObjectNode newDelta = choiceObject.putObject("delta");
                    newDelta.set("content", TextNode.valueOf(out));
                }
                changed = true;
            }
        }
        if (!changed) {
            return chunk;
        }
        return new SseChunk(eventWith(chunk.event(), copy.toString()), json, true, true);
    }

    /** Text of every choice still held, in an event of its own, written just before {@code [DONE]}. */
    private SseChunk flushBeforeDone(SseChunk done) {
        ObjectNode flush = lastChunk instanceof ObjectNode last ? last.deepCopy() : JsonNodeFactory.instance.objectNode();
        flush.remove("usage");
        ArrayNode choices = flush.putArray("choices");
        for (Map.Entry<Integer, Pending> entry : pending.entrySet()) {
            String out = release(entry.getKey(), entry.getValue(), true);
            if (!out.isEmpty()) {
                ObjectNode choice = choices.addObject();
                choice.put("index", entry.getKey());
                choice.putObject("delta").put("content", out);
                choice.putNull("finish_reason");
            }
        }
        if (choices.isEmpty()) {
            return done;
        }
        byte[] before = ("data: " + flush + "\n\n").getBytes(StandardCharsets.UTF_8);
        byte[] after = done.event().wireBytes();
        byte[] both = new byte[before.length + after.length];
        System.arraycopy(before, 0, both, 0, before.length);
        System.arraycopy(after, 0, both, before.length, after.length);
        SseEvent event = done.event();
        return new SseChunk(new SseEvent(both, event.data(), event.event(), event.id(), true), null, true, true);
    }

    /** Takes what may go out of one choice's held text, redacted, and returns the client's text of it. */
    private String release(int choice, Pending state, boolean all) {
        String held = state.text.toString();
        String context = state.context;
        String scanned = context + held;
        List<PiiMatch> matches = session.scan(scanned);
        int cut = all ? held.length() : Math.max(releasePoint(held), held.length() - holdBackChars);
        for (PiiMatch match : matches) {
            int start = match.start() - context.length();
            int end = match.end() - context.length();
            if (start < cut && end > cut && start >= 0) {
                cut = start;
            }
        }
        if (cut <= 0) {
            return "";
        }
        String out = held.substring(0, cut);
        List<PiiMatch> inside = new java.util.ArrayList<>();
        for (PiiMatch match : matches) {
            int start = match.start() - context.length();
            int end = match.end() - context.length();
            if (start >= 0 && end <= cut) {
                inside.add(new PiiMatch(start, end, match.type()));
            }
        }
        String redacted = session.replace(out, inside);
        session.completionForAudit(choice, redacted);
        state.text.delete(0, cut);
        String released = context + out;
        state.context = released.substring(Math.max(0, released.length() - CONTEXT_CHARS));
        TenantRedaction policy = session.policy();
        if (policy.restore()) {
            return session.restore(out);
        }
        return policy.completion() ? redacted : out;
    }

    /** Where the text that may still be the beginning of a value begins (see the class comment). */
    static int releasePoint(String text) {
        int at = text.length();
        while (at > 0 && !Character.isWhitespace(text.charAt(at - 1))) {
            at--;
        }
        while (at > 1 && text.charAt(at - 1) == ' ' && !Character.isWhitespace(text.charAt(at - 2))) {
            int wordStart = at - 1;
            while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (!groupLike(text, wordStart, at - 1)) {
                break;
            }
            at = wordStart;
        }
        return at;
    }

    private static boolean groupLike(String text, int from, int to) {
        char first = text.charAt(from);
        if (first == '+' || first == '(') {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static SseEvent eventWith(SseEvent original, String data) {
        StringBuilder wire = new StringBuilder();
        if (original.event() != null) {
            wire.append("event: ").append(original.event()).append('\n');
        }
        if (original.id() != null) {
            wire.append("id: ").append(original.id()).append('\n');
        }
        wire.append("data: ").append(data).append("\n\n");
        return new SseEvent(wire.toString().getBytes(StandardCharsets.UTF_8), data, original.event(), original.id(), true);
    }

    /** One choice's text not yet released, and the end of what was (context for labels). */
    private static final class Pending {
        private final StringBuilder text = new StringBuilder();
        private String context = "";
    }

    /** For tests and the audit: how many characters of each choice are held now. */
    Map<Integer, Integer> heldChars() {
        Map<Integer, Integer> held = new HashMap<>();
        pending.forEach((index, state) -> held.put(index, state.text.length()));
        return held;
    }
}
