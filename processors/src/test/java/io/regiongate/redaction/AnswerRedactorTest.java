package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A whole answer, chat completion or Responses, as the client gets it and as the audit record keeps it. */
class AnswerRedactorTest {

    private static final String RESPONSES_ANSWER = "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":["
            + "{\"type\":\"reasoning\",\"summary\":[]},"
            + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
            + "\"text\":\"Write to bob@example.org or call +49 30 901820.\",\"annotations\":[]}]}]}";

    private static String apply(String answer, RedactionSession session) {
        return new String(AnswerRedactor.apply(answer.getBytes(StandardCharsets.UTF_8), session), StandardCharsets.UTF_8);
    }

    @Test
    void redactsTheOutputTextOfAResponsesAnswerWhenTheTenantAppliesItToTheCompletion() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);

        String client = apply(RESPONSES_ANSWER, session);

        assertThat(client).contains("\"text\":\"Write to [EMAIL_1] or call [PHONE_1].\"")
                .doesNotContain("bob@example.org").doesNotContain("901820");
        assertThat(session.completionForAudit()).isEqualTo("Write to [EMAIL_1] or call [PHONE_1].");
        assertThat(session.counts()).containsEntry("email", 1).containsEntry("phone", 1);
    }

    @Test
    void restoresThePromptsValuesInTheOutputTextOfAResponsesAnswer() {
        RedactionSession session = RedactionFixtures.gdpr(true, true);
        session.redact("Mail anna@example.com");

        String client = apply(RESPONSES_ANSWER.replace("bob@example.org", "[EMAIL_1]"), session);

        assertThat(client).contains("\"text\":\"Write to anna@example.com or call +49 30 901820.\"");
        assertThat(session.completionForAudit()).doesNotContain("anna@example.com").doesNotContain("901820");
    }

    @Test
    void leavesTheClientsResponsesAnswerAsItCameWhenOnlyTheAuditKeepsTheText() {
        RedactionSession session = RedactionFixtures.gdpr(false, false);

        String client = apply(RESPONSES_ANSWER, session);

        assertThat(client).isEqualTo(RESPONSES_ANSWER);
        assertThat(session.completionForAudit()).isEqualTo("Write to [EMAIL_1] or call [PHONE_1].");
    }

    @Test
    void redactsTheMessageContentOfAChatCompletion() {
        RedactionSession session = RedactionFixtures.gdpr(true, false);

        String client = apply("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Mail bob@example.org\"},\"finish_reason\":\"stop\"}]}", session);

        assertThat(client).contains("\"content\":\"Mail [EMAIL_1]\"").doesNotContain("bob@example.org");
    }
}
