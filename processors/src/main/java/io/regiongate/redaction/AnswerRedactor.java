package io.regiongate.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Applies a request's redaction to a whole answer ({@code choices[].message.content}): the audit
 * record always gets the redacted text; the client gets the placeholders turned back into values
 * ({@code restore}), or the redacted text ({@code apply-to: completion}), or the answer as it came.
 */
public final class AnswerRedactor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerRedactor() {
    }

    /** The answer the client gets; {@code body} itself when it is unchanged or not a chat completion. */
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
            JsonNode message = choice.path("message");
            if (message instanceof ObjectNode object && object.path("content").isTextual()) {
                String raw = object.get("content").asText();
                String forClient = forClient(raw, session, choice.path("index").asInt(0));
                if (!forClient.equals(raw)) {
                    object.set("content", TextNode.valueOf(forClient));
                    changed = true;
                }
            }
        }
        return changed ? answer.toString().getBytes(StandardCharsets.UTF_8) : body;
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
