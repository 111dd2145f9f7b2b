package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordFactoryTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:01.250Z"), ZoneOffset.UTC);
    private static final AuditRecordFactory FACTORY = new AuditRecordFactory("eu-west-1", CLOCK);

    private static JsonNode messages() throws Exception {
        return new ObjectMapper().readTree("[{\"role\":\"user\",\"content\":\"secret prompt\"}]");
    }

    private static AuditFacts served(String policy, JsonNode messages) {
        return new AuditFacts("req_1", RECEIVED, "acme-eu", policy, "gpt-4o", false, messages, "eu-sim", "eu-west-1",
                List.of(), null, null, null, null, 200, null, null, AuditRecord.Completion.COMPLETE,
                new AuditRecord.Usage(3L, 4L, 7L), "secret answer");
    }

    @Test
    void hashPolicyKeepsDigestsOfPromptAndCompletionAndNeverTheText() throws Exception {
        AuditRecord record = FACTORY.build(served("hash", messages()));

        assertThat(record.content().promptSha256())
                .isEqualTo(AuditJson.sha256Hex("[{\"role\":\"user\",\"content\":\"secret prompt\"}]"));
        assertThat(record.content().completionSha256()).isEqualTo(AuditJson.sha256Hex("secret answer"));
        assertThat(AuditJson.toJson(record)).doesNotContain("secret");
    }

    @Test
    void nonePolicyKeepsNoDigest() throws Exception {
        AuditRecord record = FACTORY.build(served("none", messages()));

        assertThat(record.content()).isEqualTo(new AuditRecord.Content("none", null, null));
    }

    @Test
    void redactedPolicyKeepsDigestsUntilRedactionExistsAndSaysWhichPolicyApplied() throws Exception {
        AuditRecord record = FACTORY.build(served("redacted", messages()));

        assertThat(record.content().policy()).isEqualTo("redacted");
        assertThat(record.content().promptSha256()).hasSize(64);
        assertThat(AuditJson.toJson(record)).doesNotContain("secret");
    }

    @Test
    void timesLatencyRegionsAndOutcomeComeFromTheFacts() throws Exception {
        AuditRecord record = FACTORY.build(served("hash", messages()));

        assertThat(record.receivedAt()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(record.completedAt()).isEqualTo("2025-03-01T10:00:01.250Z");
        assertThat(record.latencyMs()).isEqualTo(1250);
        assertThat(record.arrivalRegion()).isEqualTo("eu-west-1");
        assertThat(record.servingRegion()).isEqualTo("eu-west-1");
        assertThat(record.completion()).isEqualTo("complete");
        assertThat(record.usage()).isEqualTo(new AuditRecord.Usage(3L, 4L, 7L));
        assertThat(record.residency()).isEqualTo(new AuditRecord.Residency("local", null, null));
    }

    @Test
    void aRegionRefusalIsRecordedAsAResidencyDecisionWithItsReason() {
        AuditFacts refused = new AuditFacts("req_2", RECEIVED, "globex-us", "hash", "gpt-4o", false, null, null, null,
                List.of(), null, null, null, null, 503, "region_unavailable", "not served in eu-west-1", 
                AuditRecord.Completion.INCOMPLETE, null, null);

        AuditRecord record = FACTORY.build(refused);

        assertThat(record.residency()).isEqualTo(new AuditRecord.Residency("refused", "not served in eu-west-1", null));
        assertThat(record.servingRegion()).isNull();
        assertThat(record.status()).isEqualTo(503);
        assertThat(record.completion()).isEqualTo("incomplete");
    }

    @Test
    void aRequestWithoutTenantKeepsNoContentDigest() throws Exception {
        AuditFacts anonymous = new AuditFacts("req_3", RECEIVED, null, null, null, null, messages(), null, null,
                List.of(), null, null, null, null, 401, "invalid_api_key", "bad key",
                AuditRecord.Completion.INCOMPLETE, null, null);

        assertThat(FACTORY.build(anonymous).content()).isEqualTo(new AuditRecord.Content("none", null, null));
    }
}
