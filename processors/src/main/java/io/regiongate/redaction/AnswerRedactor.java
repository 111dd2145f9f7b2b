package io.regiongate.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Applies a request's redaction to a whole answer (a chat completion's {@code choices[].message.content},
 * a Responses answer's {@code output[].content[].text}): the audit
 * record always gets the redacted text; the client gets the placeholders turned back into values
 * ({@code restore}), or the redacted text ({@code apply-to: completion}), or the answer as it came.
 */
public final class AnswerRedactor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerRedactor() {
    }

    /** The answer the client gets; {@code body} itself when it is unchanged or holds no answer text. */
    public static byte[] apply(byte[] body, RedactionSession session) {
        JsonNode answer;
        try {
            answer = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (answer == null) {
            return body;
        }
        boolean changed = false;
        for (JsonNode choice : answer.path("choices")) {
            changed |= replaceText(choice.path("message"), "content", session, choice.path("index").asInt(0));
        }
        int item = 0;
        for (JsonNode output : answer.path("output")) {
            for (JsonNode part : output.path("content")) {
                changed |= replaceText(part, "text", session, item);
            }
            item++;
        }
        return changed ? answer.toString().getBytes(StandardCharsets.UTF_8) : body;
    }

    /** Puts the client's text in place of {@code holder}'s text {@code field}, if it has one; whether that changed it. */
    private static boolean replaceText(JsonNode holder, String field, RedactionSession session, int choice) {
        if (!(holder instanceof ObjectNode object) || !object.path(field).isTextual()) {
            return false;
        }
        String raw = object.get(field).asText();
        String forClient = forClient(raw, session, choice);
        if (forClient.equals(raw)) {
            return false;
        }
        object.set(field, TextNode.valueOf(forClient));
        return true;
    }

    /** The client's text of one piece of answer text; its redacted form goes to the audit record. */
    static String forClient(String raw, RedactionSession session, int choice) {
        String redacted = session.redact(raw);
        session.completionForAudit(choice, redacted);
        TenantRedaction policy = session.policy();
        if (policy.restore()) {
            return session.restore(raw);
        }
        return policy.completion() ? redacted : raw;
    }
}
