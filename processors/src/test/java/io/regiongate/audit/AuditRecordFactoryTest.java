package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.ChatRequest;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.ServedBy;
import io.regiongate.call.TokenUsage;
import io.regiongate.config.AuditContent;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantAuditConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.residency.ResidencyDecision;
import io.regiongate.residency.ResidencyPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit record is derived from the request's record: what it keeps, and where. */
class AuditRecordFactoryTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:01.250Z"), ZoneOffset.UTC);
    private static final GatewayConfig ZONES = new GatewayConfig("eu-west-1", null,
            Map.of("eu", List.of("eu-west-1", "eu-central-1"), "us", List.of("us-east-1")),
            null, null, null, null, null, null, "test");
    private static final AuditRecordFactory FACTORY = factoryIn("eu-west-1");
    private static final String MESSAGES = "[{\"role\":\"user\",\"content\":\"secret prompt\"}]";
    private static final String ANSWER = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"secret answer\"}}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";
    private static final ResolvedUpstream EU_SIM = new ResolvedUpstream(new UpstreamConfig("eu-sim", "eu-west-1",
            UpstreamType.SIMULATED, null, null, List.of("gpt-4o"), null, null, null, null, null, null),
            "http://127.0.0.1:1/v1", null);
    private static final ResidencyDecision EU_ONLY = new ResidencyDecision("acme-eu", CrossBorder.NEVER,
            List.of("eu-west-1", "eu-central-1"), "policy never: home zone eu only", null, null, false);

    private static AuditRecordFactory factoryIn(String region) {
        return new AuditRecordFactory(region, CLOCK, new ResidencyPolicy(ZONES));
    }

    private static TenantConfig tenant(AuditContent content) {
        return tenant(CrossBorder.NEVER, content);
    }

    private static TenantConfig tenant(CrossBorder policy, AuditContent content) {
        return new TenantConfig("acme-eu", "0".repeat(64), "eu", policy, null,
                new TenantAuditConfig(null, content), null);
    }

    private static GatewayCall validated(AuditContent content) throws Exception {
        GatewayCall call = new GatewayCall("req_1", RECEIVED, null);
        call.authenticated(tenant(content), "2027-q1", null);
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("{\"model\":\"gpt-4o\",\"messages\":" + MESSAGES + "}");
        call.validated(new ChatRequest(body, "gpt-4o", false));
        return call;
    }

    private static GatewayCall served(AuditContent content) throws Exception {
        GatewayCall call = validated(content);
        call.calling(EU_SIM);
        call.servedBy(new ServedBy("eu-west-1", "eu-sim", false));
        call.answer().observeWholeAnswer(ANSWER.getBytes(StandardCharsets.UTF_8));
        call.answered(200);
        return call;
    }

    /** An EU tenant's request that the EU peer could not serve, answered 503. */
    private static GatewayCall failedForward() throws Exception {
        GatewayCall call = validated(AuditContent.HASH);
        call.decided(EU_ONLY);
        call.failed(new OpenAiError(503, OpenAiError.SERVER_ERROR, "region_unavailable",
                "no allowed peer could serve it", null));
        return call;
    }

    @Test
    void hashPolicyKeepsDigestsOfPromptAndCompletionAndNeverTheText() throws Exception {
        AuditRecord record = FACTORY.build(served(AuditContent.HASH), 0);

        assertThat(record.content().promptSha256()).isEqualTo(AuditJson.sha256Hex(MESSAGES));
        assertThat(record.content().completionSha256()).isEqualTo(AuditJson.sha256Hex("secret answer"));
        assertThat(AuditJson.toJson(record)).doesNotContain("secret");
    }

    @Test
    void namesTheKeyTheRequestCameWithByItsId() throws Exception {
        AuditRecord record = FACTORY.build(served(AuditContent.HASH), 0);

        assertThat(record.keyId()).isEqualTo("2027-q1");
        assertThat(AuditJson.toJson(record)).contains("\"key_id\":\"2027-q1\"");
    }

    @Test
    void withAChainKeyTheDigestsAreKeyedAndThePlainOnesAbsent() throws Exception {
        AuditChainKey key = AuditChainKey.of("the-region-audit-chain-secret-0123456789");
        AuditRecord record = new AuditRecordFactory("eu-west-1", CLOCK, new ResidencyPolicy(ZONES), key)
                .build(served(AuditContent.HASH), 0);

        assertThat(record.content().promptSha256()).isNull();
        assertThat(record.content().completionSha256()).isNull();
        assertThat(record.content().promptHmac()).isEqualTo(key.contentHmac(AuditJson.sha256Hex(MESSAGES)));
        assertThat(record.content().completionHmac()).isEqualTo(key.contentHmac(AuditJson.sha256Hex("secret answer")));
        assertThat(AuditJson.toJson(record)).contains("\"prompt_hmac\"").doesNotContain("secret", "prompt_sha256");
    }

    @Test
    void nonePolicyKeepsNoDigest() throws Exception {
        AuditRecord record = FACTORY.build(served(AuditContent.NONE), 0);

        assertThat(record.content()).isEqualTo(new AuditRecord.Content("none", null, null));
    }

    @Test
    void redactedPolicyKeepsDigestsUntilRedactionExistsAndSaysWhichPolicyApplied() throws Exception {
        AuditRecord record = FACTORY.build(served(AuditContent.REDACTED), 0);

        assertThat(record.content().policy()).isEqualTo("redacted");
        assertThat(record.content().promptSha256()).hasSize(64);
        assertThat(AuditJson.toJson(record)).doesNotContain("secret");
    }

    @Test
    void timesLatencyRegionsAndOutcomeComeFromTheRequestsRecord() throws Exception {
        AuditRecord record = FACTORY.build(served(AuditContent.HASH), 0);

        assertThat(record.receivedAt()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(record.completedAt()).isEqualTo("2025-03-01T10:00:01.250Z");
        assertThat(record.latencyMs()).isEqualTo(1250);
        assertThat(record.arrivalRegion()).isEqualTo("eu-west-1");
        assertThat(record.servingRegion()).isEqualTo("eu-west-1");
        assertThat(record.upstream()).isEqualTo("eu-sim");
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.completion()).isEqualTo("complete");
        assertThat(record.usage()).isEqualTo(new TokenUsage(3L, 4L, 7L));
        assertThat(record.residency()).isEqualTo(new AuditRecord.Residency("local", null, null));
    }

    @Test
    void aRegionRefusalIsRecordedAsAResidencyDecisionWithItsReason() throws Exception {
        AuditRecord record = FACTORY.build(failedForward(), 0);

        assertThat(record.residency()).isEqualTo(new AuditRecord.Residency("refused",
                "policy never: home zone eu only", null));
        assertThat(record.servingRegion()).isNull();
        assertThat(record.status()).isEqualTo(503);
        assertThat(record.errorCode()).isEqualTo("region_unavailable");
        assertThat(record.completion()).isEqualTo("incomplete");
    }

    @Test
    void aRequestWithoutTenantKeepsNoContentDigest() {
        GatewayCall anonymous = new GatewayCall("req_3", RECEIVED, null);
        anonymous.failed(OpenAiError.invalidApiKey());

        AuditRecord record = FACTORY.build(anonymous, 0);

        assertThat(record.content()).isEqualTo(new AuditRecord.Content("none", null, null));
        assertThat(record.tenant()).isNull();
        assertThat(record.status()).isEqualTo(401);
        assertThat(record.errorCode()).isEqualTo("invalid_api_key");
    }

    @Test
    void keepsNoContentHashOfAPinnedRequestInARegionItsResidencyExcludesEvenWhenNoPeerServedIt() throws Exception {
        AuditRecord record = factoryIn("us-east-1").build(failedForward(), 0);

        assertThat(record.content()).isEqualTo(new AuditRecord.Content("none", null, null));
        assertThat(record.status()).isEqualTo(503);
        assertThat(record.tenant()).isEqualTo("acme-eu");
    }

    @Test
    void keepsTheTenantsContentHashesInARegionItsResidencyAllows() throws Exception {
        AuditRecord record = FACTORY.build(failedForward(), 0);

        assertThat(record.content().policy()).isEqualTo("hash");
        assertThat(record.content().promptSha256()).hasSize(64);
    }

    @Test
    void aRequestAPeerServedKeepsOnlyTheForwardsMetadataHere() throws Exception {
        GatewayCall call = validated(AuditContent.HASH);
        call.decided(EU_ONLY);
        call.servedBy(new ServedBy("eu-central-1", "eu-central-openai", true));
        call.answer().observeWholeAnswer(ANSWER.getBytes(StandardCharsets.UTF_8));
        call.answered(200);

        AuditRecord record = FACTORY.build(call, 0);

        assertThat(record.content()).isEqualTo(new AuditRecord.Content("none", null, null));
        assertThat(record.servingRegion()).isEqualTo("eu-central-1");
        assertThat(record.upstream()).isEqualTo("eu-central-openai");
        assertThat(record.residency().decision()).isEqualTo("forwarded");
    }

    /** An EU tenant's request refused before its residency decision, e.g. for a bad residency header. */
    private static GatewayCall refusedBeforeTheDecision(CrossBorder policy) throws Exception {
        GatewayCall call = new GatewayCall("req_5", RECEIVED, null);
        call.authenticated(tenant(policy, AuditContent.HASH), "default", null);
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree("{\"model\":\"gpt-4o\",\"messages\":" + MESSAGES + "}");
        call.validated(new ChatRequest(body, "gpt-4o", false));
        call.failed(new OpenAiError(403, OpenAiError.INVALID_REQUEST, "residency_not_permitted", "no", null));
        return call;
    }

    @Test
    void aRequestRefusedBeforeItsResidencyDecisionKeepsNoContentHashOutsideTheTenantsZone() throws Exception {
        assertThat(factoryIn("us-east-1").build(refusedBeforeTheDecision(CrossBorder.NEVER), 0).content())
                .isEqualTo(new AuditRecord.Content("none", null, null));
        assertThat(factoryIn("us-east-1").build(refusedBeforeTheDecision(CrossBorder.WITH_CONSENT), 0).content())
                .as("a consent that was never decided on widens nothing")
                .isEqualTo(new AuditRecord.Content("none", null, null));
    }

    @Test
    void aRequestRefusedBeforeItsResidencyDecisionKeepsItsHashWhereThePolicyAloneAllowsIt() throws Exception {
        assertThat(factoryIn("eu-central-1").build(refusedBeforeTheDecision(CrossBorder.NEVER), 0).content()
                .promptSha256()).isEqualTo(AuditJson.sha256Hex(MESSAGES));
        assertThat(factoryIn("us-east-1").build(refusedBeforeTheDecision(CrossBorder.ALLOWED), 0).content()
                .promptSha256()).isEqualTo(AuditJson.sha256Hex(MESSAGES));
    }
}
