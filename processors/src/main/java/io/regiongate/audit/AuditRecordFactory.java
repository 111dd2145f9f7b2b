package io.regiongate.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds the audit record of one request from its {@link AuditFacts}, in this runtime's region.
 * Content is kept per the tenant's policy: {@code none} keeps nothing, {@code hash} keeps the
 * SHA-256 of the prompt ({@code messages} as compact JSON) and of the completion text.
 * {@code redacted} keeps the same hashes until PII redaction exists; the record names the policy
 * so that a reader can tell. Raw content is never kept.
 */
public final class AuditRecordFactory {

    public static final String CONTENT_NONE = "none";
    public static final String CONTENT_HASH = "hash";
    public static final String CONTENT_REDACTED = "redacted";

    static final String RESIDENCY_LOCAL = "local";
    static final String RESIDENCY_REFUSED = "refused";
    static final String REGION_UNAVAILABLE = "region_unavailable";

    private final String region;
    private final Clock clock;

    public AuditRecordFactory(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    /** The region whose records this factory builds. */
    public String region() {
        return region;
    }

    public AuditRecord build(AuditFacts facts) {
        Instant completedAt = clock.instant();
        Instant receivedAt = facts.receivedAt() == null ? completedAt : facts.receivedAt();
        return new AuditRecord(
                AuditRecord.SCHEMA_VERSION,
                facts.requestId(),
                receivedAt.toString(),
                completedAt.toString(),
                Math.max(0, Duration.between(receivedAt, completedAt).toMillis()),
                region,
                facts.upstream() == null ? null : facts.upstreamRegion(),
                facts.tenant(),
                facts.model(),
                facts.stream(),
                facts.upstream(),
                facts.failoverHops(),
                residency(facts),
                facts.quotaDecision(),
                facts.status(),
                facts.errorCode(),
                facts.completion() == null ? null : facts.completion().word(),
                facts.usage(),
                content(facts),
                null,
                null);
    }

    /** The decision the residency step recorded; else what the outcome shows. */
    private static AuditRecord.Residency residency(AuditFacts facts) {
        String decision = facts.residencyDecision();
        String reason = facts.residencyReason();
        if (decision == null) {
            if (REGION_UNAVAILABLE.equals(facts.errorCode())) {
                decision = RESIDENCY_REFUSED;
                reason = facts.errorMessage();
            } else if (facts.upstream() != null) {
                decision = RESIDENCY_LOCAL;
            }
        }
        if (decision == null && facts.consentId() == null) {
            return null;
        }
        return new AuditRecord.Residency(decision, reason, facts.consentId());
    }

    private static AuditRecord.Content content(AuditFacts facts) {
        String policy = facts.contentPolicy() == null ? CONTENT_NONE : facts.contentPolicy();
        if (CONTENT_NONE.equals(policy)) {
            return new AuditRecord.Content(policy, null, null);
        }
        String prompt = facts.messages() == null ? null : AuditJson.sha256Hex(facts.messages().toString());
        String completion = facts.completionSha256() != null ? facts.completionSha256()
                : facts.completionText() == null ? null : AuditJson.sha256Hex(facts.completionText());
        return new AuditRecord.Content(policy, prompt, completion);
    }
}
