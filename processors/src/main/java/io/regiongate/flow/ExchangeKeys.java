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

    /** io.regiongate.quota.QuotaDecision: the quota admission, for the x-ratelimit-* headers. */
    public static final String QUOTA_DECISION = "regiongateQuotaDecision";
    /** io.regiongate.quota.UsageMeter: measures what the request really cost, for settlement. */
    public static final String USAGE_METER = "regiongateUsageMeter";

    private ExchangeKeys() {
    }
}
