package io.regiongate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What is known about a request when it ends, gathered from the exchange by the audit step. Any
 * value may be absent: a request refused for its key has no tenant, one refused for its body no
 * model. The prompt and completion are here only to be hashed.
 *
 * @param contentPolicy   the tenant's {@code audit.content}, or null when there is no tenant
 * @param messages        the request's {@code messages}, to hash
 * @param completionText  the completion's text, to hash (a whole answer)
 * @param completionSha256 the completion's SHA-256 (hex), when it was hashed as it streamed; wins over the text
 */
public record AuditFacts(
        String requestId,
        Instant receivedAt,
        String tenant,
        String contentPolicy,
        String model,
        Boolean stream,
        JsonNode messages,
        String upstream,
        String upstreamRegion,
        List<String> failoverHops,
        String residencyDecision,
        String residencyReason,
        String consentId,
        String quotaDecision,
        int status,
        String errorCode,
        String errorMessage,
        AuditRecord.Completion completion,
        AuditRecord.Usage usage,
        String completionText,
        String completionSha256) {

    /** Facts whose completion is known as text. */
    public AuditFacts(String requestId, Instant receivedAt, String tenant, String contentPolicy, String model,
                      Boolean stream, JsonNode messages, String upstream, String upstreamRegion,
                      List<String> failoverHops, String residencyDecision, String residencyReason, String consentId,
                      String quotaDecision, int status, String errorCode, String errorMessage,
                      AuditRecord.Completion completion, AuditRecord.Usage usage, String completionText) {
        this(requestId, receivedAt, tenant, contentPolicy, model, stream, messages, upstream, upstreamRegion,
                failoverHops, residencyDecision, residencyReason, consentId, quotaDecision, status, errorCode,
                errorMessage, completion, usage, completionText, null);
    }
}
