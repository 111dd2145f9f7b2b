package io.regiongate.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.RedactionAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a request's redaction to its prompt: the text of every message ({@code content} as a
 * string, and each text part of multi-part content); of an embeddings or Responses request, its
 * {@code input} (a string, strings, or items whose content is text or text parts). First the size: more text than
 * {@code max-scan-bytes} is refused (413 {@code prompt_too_large_to_scan}), never sent unscanned.
 * Then by the profile's action: {@code redact} gives the body to send with placeholders in place of
 * the values, {@code block} refuses a prompt with any value (400 {@code pii_detected} naming the
 * types), {@code detect} only counts. Whatever the action, the session keeps the redacted messages
 * for the audit record.
 */
public final class PromptRedactor {

    private final long maxScanBytes;

    public PromptRedactor(long maxScanBytes) {
        this.maxScanBytes = maxScanBytes;
    }

    /**
     * @return the body to send on: {@code body} itself when nothing is to be replaced, else a
     *         redacted copy
     * @throws GatewayException 413 when the text is too large to scan, 400 when the profile blocks
     */
    public ObjectNode apply(ObjectNode body, RedactionSession session) {
        ObjectNode redacted = body.deepCopy();
        String promptField = redacted.has("messages") ? "messages" : "input";
        List<TextSlot> slots = textSlots(redacted, promptField);
        long chars = slots.stream().mapToLong(slot -> slot.text().length()).sum();
        if (chars * 3 > maxScanBytes) {      // a char is at most 3 bytes in UTF-8: only then are the bytes counted
            long bytes = 0;
            for (TextSlot slot : slots) {
                bytes += utf8Length(slot.text());
                if (bytes > maxScanBytes) {
                    throw new GatewayException(OpenAiError.tooLargeToScan(maxScanBytes));
                }
            }
        }
        slots.forEach(slot -> session.reserveExisting(slot.text()));
        boolean found = false;
        for (TextSlot slot : slots) {
            List<PiiMatch> matches = session.scan(slot.text());
            if (!matches.isEmpty()) {
                found = true;
                slot.replaceWith(session.replace(slot.text(), matches));
            }
        }
        session.promptForAudit(redacted.get(promptField));
        RedactionAction action = session.policy().prompt() ? session.profile().action() : RedactionAction.DETECT;
        if (found && action == RedactionAction.BLOCK) {
            throw new GatewayException(OpenAiError.piiDetected(session.profile().name(), session.typesFound()));
        }
        return found && action == RedactionAction.REDACT ? redacted : body;
    }

    private static List<TextSlot> textSlots(ObjectNode body, String promptField) {
        List<TextSlot> slots = new ArrayList<>();
        JsonNode prompt = body.get(promptField);
        if (prompt != null && prompt.isTextual()) {
            slots.add(new FieldSlot(body, promptField));
            return slots;
        }
        if (!(prompt instanceof ArrayNode items)) {
            return slots;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode message = items.get(i);
            if (message.isTextual()) {
                slots.add(new ElementSlot(items, i));
                continue;
            }
            if (!(message instanceof ObjectNode object)) {
                continue;
            }
            JsonNode content = object.get("content");
            if (content != null && content.isTextual()) {
                slots.add(new FieldSlot(object, "content"));
            } else if (content instanceof ArrayNode parts) {
                for (JsonNode part : parts) {
                    if (part instanceof ObjectNode partObject && part.path("text").isTextual()) {
                        slots.add(new FieldSlot(partObject, "text"));
                    }
                }
            }
        }
        return slots;
    }

    static long utf8Length(String text) {
        long length = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
            }
        }
        return length;
    }

    /** One text of the prompt, to read and to replace. */
    private interface TextSlot {

        String text();

        void replaceWith(String text);
    }

    /** A text field of an object: a message's {@code content}, a part's {@code text}, a string {@code input}. */
    private record FieldSlot(ObjectNode holder, String field) implements TextSlot {

        @Override
        public String text() {
            return holder.get(field).asText();
        }

        @Override
        public void replaceWith(String text) {
            holder.set(field, TextNode.valueOf(text));
        }
    }

    /** A string in an array: one of an embeddings request's inputs. */
    private record ElementSlot(ArrayNode array, int index) implements TextSlot {

        @Override
        public String text() {
            return array.get(index).asText();
        }

        @Override
        public void replaceWith(String text) {
            array.set(index, TextNode.valueOf(text));
        }
    }
}
