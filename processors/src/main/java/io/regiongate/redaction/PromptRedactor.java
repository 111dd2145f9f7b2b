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
 * string, and each text part of multi-part content). First the size: more text than
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
        List<TextSlot> slots = textSlots((ArrayNode) redacted.get("messages"));
        long bytes = 0;
        for (TextSlot slot : slots) {
            bytes += utf8Length(slot.text());
            if (bytes > maxScanBytes) {
                throw new GatewayException(OpenAiError.tooLargeToScan(maxScanBytes));
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
        session.promptForAudit(redacted.get("messages"));
        RedactionAction action = session.policy().prompt() ? session.profile().action() : RedactionAction.DETECT;
        if (found && action == RedactionAction.BLOCK) {
            throw new GatewayException(OpenAiError.piiDetected(session.profile().name(), session.typesFound()));
        }
        return found && action == RedactionAction.REDACT ? redacted : body;
    }

    private static List<TextSlot> textSlots(ArrayNode messages) {
        List<TextSlot> slots = new ArrayList<>();
        for (JsonNode message : messages) {
            if (!(message instanceof ObjectNode object)) {
                continue;
            }
            JsonNode content = object.get("content");
            if (content != null && content.isTextual()) {
                slots.add(new TextSlot(object, "content"));
            } else if (content instanceof ArrayNode parts) {
                for (JsonNode part : parts) {
                    if (part instanceof ObjectNode partObject && part.path("text").isTextual()) {
                        slots.add(new TextSlot(partObject, "text"));
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

    /** One text field of the prompt, to read and to replace. */
    private record TextSlot(ObjectNode holder, String field) {

        String text() {
            return holder.get(field).asText();
        }

        void replaceWith(String text) {
            holder.set(field, TextNode.valueOf(text));
        }
    }
}
