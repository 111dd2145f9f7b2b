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
    /** ClientCredential: the client's own Authorization value, forwarded only to peer runtimes. */
    public static final String CLIENT_CREDENTIAL = "regiongateClientCredential";
    /** ResidencyDecision: where the request's content may go. */
    public static final String RESIDENCY = "regiongateResidency";
    /** FailoverState: the dispatch plan and the hops taken. */
    public static final String FAILOVER = "regiongateFailover";
    /** Boolean: true while the failover loop should try another target. */
    public static final String DISPATCH_PENDING = "regiongateDispatchPending";
    /** String: {@code upstream} or {@code peer}: which kind of call route serves the current target. */
    public static final String TARGET_KIND = "regiongateTargetKind";
    /** String: the current target's route key: an upstream id, or a peer's region. */
    public static final String TARGET_KEY = "regiongateTargetKey";
    /** String: on a streamed call, the target's chat completions URL (set by the call route). */
    public static final String TARGET_URL = "regiongateTargetUrl";
    /** Long: on a streamed call, the target's connect timeout in milliseconds. */
    public static final String TARGET_CONNECT_TIMEOUT_MILLIS = "regiongateTargetConnectTimeoutMillis";
    /** Long: on a streamed call, the longest silence of the target, in milliseconds. */
    public static final String TARGET_RESPONSE_TIMEOUT_MILLIS = "regiongateTargetResponseTimeoutMillis";
    /** Boolean: the client asked for a stream ({@code "stream": true}). */
    public static final String STREAMED = "regiongateStreamed";
    /** io.vertx.core.Context: the Vert.x context (event loop) of the client's connection. */
    public static final String CLIENT_CONTEXT = "regiongateClientContext";
    /** ResolvedUpstream: the upstream being called, when the target is an upstream. */
    public static final String UPSTREAM = "regiongateUpstream";
    /** ResolvedPeer: the peer being called, when the target is a peer. */
    public static final String PEER = "regiongatePeer";
    /** String: the region that served, when a peer did (from its answer). */
    public static final String SERVED_REGION = "regiongateServedRegion";
    /** String: the upstream that served, when a peer did (from its answer). */
    public static final String SERVED_UPSTREAM = "regiongateServedUpstream";

    /** SseRelay.Ending: how a relayed stream ended. */
    public static final String STREAM_ENDING = "regiongateStreamEnding";
    /** CompletionTally: usage and completion text seen in a relayed stream (to hash; never logged). */
    public static final String STREAM_TALLY = "regiongateStreamTally";
    /** StreamSession: on an event exchange of the stream-event route, the stream the event belongs to. */
    public static final String STREAM_SESSION = "regiongateStreamSession";
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

    /** io.regiongate.quota.QuotaDecision: the quota admission, for the x-ratelimit-* headers. */
    public static final String QUOTA_DECISION = "regiongateQuotaDecision";
    /** io.regiongate.quota.UsageMeter: measures what the request really cost, for settlement. */
    public static final String USAGE_METER = "regiongateUsageMeter";

    private ExchangeKeys() {
    }
}
