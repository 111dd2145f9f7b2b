package io.regiongate.flow;

import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.FailoverState;
import io.regiongate.quota.QuotaDecision;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The RegionGate headers every response carries: request id, the region and upstream that served
 * (a peer's own answer names them when a peer served), the failover hops when any, and once the
 * quota step has run, OpenAI's {@code x-ratelimit-*} headers (and {@code Retry-After} on a 429).
 */
public final class ResponseHeaders {

    private final String region;

    public ResponseHeaders(String region) {
        this.region = region;
    }

    public Map<String, String> of(Exchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        String requestId = exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class);
        if (requestId != null) {
            headers.put(GatewayHeaders.REQUEST_ID, requestId);
        }
        headers.put(GatewayHeaders.REGION, exchange.getProperty(ExchangeKeys.SERVED_REGION, region, String.class));
        String servedUpstream = exchange.getProperty(ExchangeKeys.SERVED_UPSTREAM, String.class);
        ResolvedUpstream upstream = exchange.getProperty(ExchangeKeys.UPSTREAM, ResolvedUpstream.class);
        if (servedUpstream != null) {
            headers.put(GatewayHeaders.UPSTREAM, servedUpstream);
        } else if (upstream != null) {
            headers.put(GatewayHeaders.UPSTREAM, upstream.id());
        } else if (CurrentTarget.isPeer(exchange)) {
            headers.put(GatewayHeaders.UPSTREAM, CurrentTarget.id(exchange));
        }
        FailoverState failover = exchange.getProperty(ExchangeKeys.FAILOVER, FailoverState.class);
        if (failover != null && failover.failoverHeader() != null) {
            headers.put(GatewayHeaders.FAILOVER, failover.failoverHeader());
        }
        QuotaDecision quota = exchange.getProperty(ExchangeKeys.QUOTA_DECISION, QuotaDecision.class);
        if (quota != null) {
            RateLimitHeaders.addTo(headers, quota);
        }
        return headers;
    }

    /** Replaces every header of the message with RegionGate's own. */
    public void replaceOn(Message message, Exchange exchange) {
        message.removeHeaders("*");
        of(exchange).forEach(message::setHeader);
    }

    public void addTo(HttpServerResponse response, Exchange exchange) {
        of(exchange).forEach(response::putHeader);
    }
}
