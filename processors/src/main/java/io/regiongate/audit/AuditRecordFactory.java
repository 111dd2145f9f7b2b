package io.regiongate.audit;

import io.regiongate.api.ChatRequest;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.CompletionTally;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.Outcome;
import io.regiongate.call.ServedBy;
import io.regiongate.config.AuditContent;
import io.regiongate.config.TenantConfig;
import io.regiongate.dispatch.CallTarget;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.redaction.RedactionSession;
import io.regiongate.residency.RegionUnavailable;
import io.regiongate.residency.ResidencyDecision;
import io.regiongate.residency.ResidencyPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Builds the audit record of one request from its {@link GatewayCall}, in this runtime's region:
 * the one place a request's record is turned into its audit record.
 *
 * <p>Content is kept per the tenant's policy: {@code none} keeps nothing, {@code hash} keeps the
 * SHA-256 of the prompt ({@code messages} as compact JSON) and of the completion text, or, with the
 * region's chain key ({@code audit.chain-key-env}), their HMACs under its content key
 * ({@link AuditChainKey#contentHmac}), so that a guessed prompt cannot be confirmed without the key;
 * {@code redacted} keeps the same digests and, when a redaction profile applied, the redacted prompt
 * ({@code messages} with placeholders) and the redacted completion; without a profile only the
 * digests (the record names the policy so that a reader can tell). Every record of a request a
 * profile applied to carries the counts of values found per type ({@code redactions}). Raw content is never kept. No content hash is kept when a peer served
 * (the serving region's record has it), nor in a region the tenant's residency excludes: the
 * request's residency decision when it was made, else the tenant's policy alone (a request refused
 * before its decision, e.g. for a bad residency header, never widens where its content may be).
 */
public final class AuditRecordFactory {

    static final String RESIDENCY_LOCAL = "local";
    static final String RESIDENCY_FORWARDED = "forwarded";
    static final String RESIDENCY_REFUSED = "refused";

    private final String region;
    private final Clock clock;
    private final ResidencyPolicy residencyPolicy;
    private final AuditChainKey contentKey;

    public AuditRecordFactory(String region, Clock clock, ResidencyPolicy residencyPolicy) {
        this(region, clock, residencyPolicy, null);
    }

    /** @param contentKey the region's chain key: content digests are then HMACs under it; null: plain SHA-256 */
    public AuditRecordFactory(String region, Clock clock, ResidencyPolicy residencyPolicy, AuditChainKey contentKey) {
        this.region = region;
        this.clock = clock;
        this.residencyPolicy = residencyPolicy;
        this.contentKey = contentKey;
    }

    /** The region whose records this factory builds. */
    public String region() {
        return region;
    }

    /** @param fallbackStatus the status the client got, when the record holds no outcome */
    public AuditRecord build(GatewayCall call, int fallbackStatus) {
        Instant completedAt = clock.instant();
        Instant receivedAt = call.receivedAt() == null ? completedAt : call.receivedAt();
        Outcome outcome = call.outcome() != null ? call.outcome() : Outcome.answered(fallbackStatus);
        ServedBy servedBy = call.servedBy();
        boolean forwarded = servedBy != null && servedBy.viaPeer();
        boolean keepsContent = !forwarded && mayHoldContentHere(call);
        String upstream = upstream(call);
        ChatRequest request = call.request();
        TenantConfig tenant = call.tenant();
        OpenAiError error = outcome.error();
        String errorCode = error == null ? null : error.code();
        CompletionTally tally = outcome.streamed() || outcome.successful() ? call.answer().tally() : null;
        return new AuditRecord(
                AuditRecord.SCHEMA_VERSION,
                call.requestId(),
                receivedAt.toString(),
                completedAt.toString(),
                Math.max(0, Duration.between(receivedAt, completedAt).toMillis()),
                region,
                upstream == null ? null : servedBy != null ? servedBy.region() : call.target().target().region(),
                tenant == null ? null : tenant.id(),
                call.keyId(),
                request == null ? null : request.operation().word(),
                request == null ? null : request.model(),
                forwarded ? null : call.upstreamModel(),
                request == null ? null : request.stream(),
                upstream,
                call.failover() == null ? List.of() : call.failover().hops(),
                residency(call.residency(), forwarded, upstream, error),
                quota(call.quota()),
                outcome.status(),
                errorCode,
                completion(outcome).word(),
                tally == null ? null : tally.usage(),
                content(tenant, keepsContent, request, tally, call.redaction()),
                redactions(call.redaction()),
                call.forwardedFrom() == null ? null
                        : new AuditRecord.Forward(call.forwardedFrom().region(), call.forwardedFrom().requestId()),
                forwarded ? new AuditRecord.Forward(servedBy.region(), servedBy.requestId()) : null,
                null);
    }

    private boolean mayHoldContentHere(GatewayCall call) {
        if (call.residency() != null) {
            return call.residency().permits(region);
        }
        return call.tenant() != null && residencyPolicy.policyAlonePermits(call.tenant(), region);
    }

    /** Who served; before anyone did, the upstream of this region last tried (a peer tried is named in its hops). */
    private static String upstream(GatewayCall call) {
        if (call.servedBy() != null) {
            return call.servedBy().upstream();
        }
        CallTarget target = call.target();
        return target == null || target.target().isPeer() ? null : target.id();
    }

    private static AuditRecord.Completion completion(Outcome outcome) {
        if (outcome.streamed()) {
            return switch (outcome.streamEnding()) {
                case COMPLETE -> AuditRecord.Completion.COMPLETE;
                case CLIENT_CANCELLED -> AuditRecord.Completion.CLIENT_CANCELLED;
                case CLIENT_STALLED -> AuditRecord.Completion.CLIENT_STALLED;
                case UPSTREAM_FAILED -> AuditRecord.Completion.INCOMPLETE;
            };
        }
        return outcome.successful() ? AuditRecord.Completion.COMPLETE : AuditRecord.Completion.INCOMPLETE;
    }

    /** The residency decision and how it turned out; null before the decision, unless the outcome shows it. */
    private static AuditRecord.Residency residency(ResidencyDecision decision, boolean forwarded, String upstream,
                                                   OpenAiError error) {
        String outcome = null;
        String reason = decision == null ? null : decision.reason();
        String consentId = decision == null ? null : decision.consentId();
        if (error != null && RegionUnavailable.CODE.equals(error.code())) {
            outcome = RESIDENCY_REFUSED;
            if (decision == null) {
                reason = error.message();
            }
        } else if (decision != null) {
            outcome = forwarded ? RESIDENCY_FORWARDED : RESIDENCY_LOCAL;
        } else if (upstream != null) {
            outcome = RESIDENCY_LOCAL;
        }
        if (outcome == null && consentId == null) {
            return null;
        }
        return new AuditRecord.Residency(outcome, reason, consentId);
    }

    /** {@code admitted} or {@code rejected-<window>}; null when no limit applied. */
    private static String quota(QuotaDecision decision) {
        if (decision == null) {
            return null;
        }
        return decision.admitted() ? "admitted" : "rejected-" + decision.rejectedBy().name().toLowerCase(Locale.ROOT);
    }

    private AuditRecord.Content content(TenantConfig tenant, boolean keepsContent, ChatRequest request,
                                        CompletionTally tally, RedactionSession redaction) {
        AuditContent policy = tenant == null || !keepsContent ? AuditContent.NONE : tenant.audit().content();
        if (policy == AuditContent.NONE) {
            return new AuditRecord.Content(policy.word(), null, null);
        }
        String prompt = request == null ? null : AuditJson.sha256Hex(request.promptPart().toString());
        String completion = tally == null ? null : tally.completionSha256();
        String promptHmac = null;
        String completionHmac = null;
        if (contentKey != null) {
            promptHmac = contentKey.contentHmac(prompt);
            completionHmac = contentKey.contentHmac(completion);
            prompt = null;
            completion = null;
        }
        if (policy == AuditContent.REDACTED && redaction != null) {
            boolean cut = redaction.completionTruncated();
            return new AuditRecord.Content(policy.word(), prompt, completion, promptHmac, completionHmac,
                    redaction.promptForAudit(), tally == null ? null : redaction.completionForAudit(), cut ? Boolean.TRUE : null);
        }
        if (contentKey != null) {
            return new AuditRecord.Content(policy.word(), null, null, promptHmac, completionHmac);
        }
        return new AuditRecord.Content(policy.word(), prompt, completion);
    }

    /** Values found per type; null when no profile applied or it found nothing. */
    private static java.util.Map<String, Integer> redactions(RedactionSession redaction) {
        if (redaction == null) {
            return null;
        }
        java.util.Map<String, Integer> counts = redaction.counts();
        return counts.isEmpty() ? null : counts;
    }
}
