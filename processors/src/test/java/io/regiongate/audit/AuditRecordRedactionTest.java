package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.ChatRequest;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.ServedBy;
import io.regiongate.config.AuditContent;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.RedactionAction;
import io.regiongate.config.TenantAuditConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.redaction.AnswerRedactor;
import io.regiongate.redaction.DetectorCatalog;
import io.regiongate.redaction.PiiScanner;
import io.regiongate.redaction.PromptRedactor;
import io.regiongate.redaction.RedactionProfile;
import io.regiongate.redaction.RedactionSession;
import io.regiongate.redaction.TenantRedaction;
import io.regiongate.residency.ResidencyPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code content: redacted} with a profile: the redacted prompt and completion and the counts, never a value. */
class AuditRecordRedactionTest {

    private static final GatewayConfig ZONES = new GatewayConfig("eu-west-1", null, Map.of("eu", List.of("eu-west-1")),
            null, null, null, null, null, null, "test");
    private static final AuditRecordFactory FACTORY = new AuditRecordFactory("eu-west-1",
            Clock.fixed(Instant.parse("2025-03-01T10:00:01Z"), ZoneOffset.UTC), new ResidencyPolicy(ZONES));

    private static GatewayCall redactedCall(AuditContent content) throws Exception {
        GatewayCall call = new GatewayCall("req_1", Instant.parse("2025-03-01T10:00:00Z"), null);
        call.authenticated(new TenantConfig("acme-eu", "0".repeat(64), "eu", CrossBorder.NEVER, null,
                new TenantAuditConfig(null, content), null), "default", null);
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree(
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"mail anna@example.com\"}]}");
        RedactionSession session = new RedactionSession(new TenantRedaction(new RedactionProfile("gdpr", RedactionAction.REDACT,
                new PiiScanner(DetectorCatalog.detectors(List.of("email"), List.of(), Map.of()))), true, false, true), 1 << 20, 64);
        call.redacting(session);
        call.validated(new ChatRequest(new PromptRedactor(1 << 20).apply(body, session), "gpt-4o", false));
        byte[] answer = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"Wrote to [EMAIL_1] and bob@example.org\"}}]}"
                .getBytes(StandardCharsets.UTF_8);
        call.servedBy(new ServedBy("eu-west-1", "eu-sim", false));
        call.answer().observeWholeAnswer(answer);
        call.answered(200);
        AnswerRedactor.apply(answer, session);
        return call;
    }

    @Test
    void keepsTheRedactedPromptAndCompletionAndTheCountsPerType() throws Exception {
        AuditRecord record = FACTORY.build(redactedCall(AuditContent.REDACTED), 0);

        assertThat(record.redactions()).isEqualTo(Map.of("email", 2));
        assertThat(record.content().prompt().toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"mail [EMAIL_1]\"}]");
        assertThat(record.content().completionText()).isEqualTo("Wrote to [EMAIL_1] and [EMAIL_2]");
        assertThat(AuditJson.toJson(record)).doesNotContain("anna@example.com").doesNotContain("bob@example.org")
                .contains("\"completion_text\"").contains("\"redactions\":{\"email\":2}");
    }

    @Test
    void hashPolicyKeepsNoTextButStillTheCounts() throws Exception {
        AuditRecord record = FACTORY.build(redactedCall(AuditContent.HASH), 0);

        assertThat(record.content().prompt()).isNull();
        assertThat(record.content().completionText()).isNull();
        assertThat(record.redactions()).isEqualTo(Map.of("email", 2));
    }
}
