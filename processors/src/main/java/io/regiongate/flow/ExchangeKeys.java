package io.regiongate.flow;

/**
 * Names of the exchange properties that carry a request's state through the flows. State lives
 * here, never in headers a client could send.
 */
public final class ExchangeKeys {

    /** String: the request id, also sent back as {@code X-Request-Id}. */
    public static final String REQUEST_ID = "regiongateRequestId";
    /** io.vertx.core.http.HttpServerResponse: the client's response, for streaming and late errors. */
    public static final String CLIENT_RESPONSE = "regiongateClientResponse";
    /** TenantConfig: who sent the request. */
    public static final String TENANT = "regiongateTenant";
    /** ChatRequest: the validated request. */
    public static final String CHAT_REQUEST = "regiongateChatRequest";
    /** List of UpstreamConfig: the upstreams to try, in order. */
    public static final String UPSTREAM_PLAN = "regiongateUpstreamPlan";
    /** String: the id of the upstream being called; selects its route instance. */
    public static final String UPSTREAM_ID = "regiongateUpstreamId";
    /** ResolvedUpstream: the upstream being called. */
    public static final String UPSTREAM = "regiongateUpstream";

    /** String: the consent id the residency step accepted; read by the audit record. */
    public static final String CONSENT_ID = "regiongateConsentId";
    /** String: the residency decision (e.g. {@code local}, {@code forwarded}); read by the audit record. */
    public static final String RESIDENCY_DECISION = "regiongateResidencyDecision";
    /** String: why the residency step decided as it did; read by the audit record. */
    public static final String RESIDENCY_REASON = "regiongateResidencyReason";
    /** String: the quota decision (e.g. {@code allowed}, {@code over-limit}); read by the audit record. */
    public static final String QUOTA_DECISION = "regiongateQuotaDecision";
    /** List of String: the failover hops taken before the serving upstream, in order; read by the audit record. */
    public static final String FAILOVER_HOPS = "regiongateFailoverHops";
    /** SseRelay.Ending: how a relayed stream ended. */
    public static final String STREAM_ENDING = "regiongateStreamEnding";
    /** CompletionTally: usage and completion text seen in a relayed stream (to hash; never logged). */
    public static final String STREAM_TALLY = "regiongateStreamTally";
    /** AuditRecord: the request's audit record, built when the request ends. */
    public static final String AUDIT_RECORD = "regiongateAuditRecord";
    /** Boolean: the tenant's audit delivery is {@code sync}: the answer waits for the record. */
    public static final String AUDIT_SYNC = "regiongateAuditSync";
    /** Boolean: whether the audit writer accepted the record (Kafka acknowledged it, or it was spooled). */
    public static final String AUDIT_ACCEPTED = "regiongateAuditAccepted";
    /** Throwable: why the audit writer did not accept the record. */
    public static final String AUDIT_FAILURE = "regiongateAuditFailure";
    /** Boolean: on an audit writer exchange, asks it to replay spooled records instead of writing one. */
    public static final String AUDIT_REPLAY = "regiongateAuditReplay";

    private ExchangeKeys() {
    }
}
