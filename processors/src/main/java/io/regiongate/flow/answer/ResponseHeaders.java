package io.regiongate.flow.answer;

import io.regiongate.call.GatewayCall;
import io.regiongate.call.ServedBy;
import io.regiongate.flow.GatewayHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Message;

/**
 * The RegionGate headers every response carries, derived from the request's record in this one
 * place: request id, the region and upstream that served (a peer's own answer names them when a
 * peer served; before anyone has, the target last tried), the failover hops when any, and once the
 * quota step has run, OpenAI's {@code x-ratelimit-*} headers (and {@code Retry-After} on a 429).
 */
public final class ResponseHeaders {

    /** Response header: the gateway's own time and the targets' (W3C Server Timing). */
    public static final String SERVER_TIMING = "Server-Timing";

    private final String region;

    public ResponseHeaders(String region) {
        this.region = region;
    }

    public Map<String, String> of(GatewayCall call) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (call == null) {
            headers.put(GatewayHeaders.REGION, region);
            return headers;
        }
        headers.put(GatewayHeaders.REQUEST_ID, call.requestId());
        ServedBy servedBy = call.servedBy();
        headers.put(GatewayHeaders.REGION, servedBy != null && servedBy.region() != null ? servedBy.region() : region);
        if (servedBy != null && servedBy.upstream() != null) {
            headers.put(GatewayHeaders.UPSTREAM, servedBy.upstream());
        } else if (call.target() != null) {
            headers.put(GatewayHeaders.UPSTREAM, call.target().id());
        }
        if (call.failover() != null && call.failover().failoverHeader() != null) {
            headers.put(GatewayHeaders.FAILOVER, call.failover().failoverHeader());
        }
        if (call.quota() != null) {
            RateLimitHeaders.addTo(headers, call.quota());
        }
        headers.put(SERVER_TIMING, serverTiming(call));
        if (call.outcome() != null && call.outcome().status() == 429) {
            // every 429 the gateway gives says when to come back (a quota refusal says exactly when)
            headers.putIfAbsent(RateLimitHeaders.RETRY_AFTER, "1");
        }
        return headers;
    }

    /**
     * Replaces every header of a target's answer with RegionGate's own. A peer's answer is
     * RegionGate's too: its {@code Retry-After} is kept, and its {@code x-ratelimit-*} headers when
     * this runtime did not admit the request itself (a pinned request is counted by the peer).
     */
    public void replaceOnAnswer(Message answer, GatewayCall call) {
        Map<String, String> fromPeer = new LinkedHashMap<>();
        if (call.target() != null && call.target().target().isPeer()) {
            answer.getHeaders().forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                boolean rateLimit = lower.startsWith("x-ratelimit-") && call.quota() == null;
                if (value != null && (rateLimit || lower.equals("retry-after"))) {
                    fromPeer.put(lower.equals("retry-after") ? RateLimitHeaders.RETRY_AFTER : lower, value.toString());
                }
            });
        }
        replaceOn(answer, call);
        fromPeer.forEach(answer::setHeader);
    }

    /**
     * {@code Server-Timing}: what the gateway itself took ({@code gateway}) and what it waited on
     * targets until their answers began ({@code upstream}), in milliseconds, so that a client sees
     * what the gateway costs.
     */
    static String serverTiming(GatewayCall call) {
        long total = call.elapsed().toNanos();
        long upstream = call.failover() == null ? 0 : Math.min(total, call.failover().waitedOnTargets().toNanos());
        StringBuilder header = new StringBuilder(48).append("gateway;dur=");
        appendMillis(header, total - upstream);
        return appendMillis(header.append(", upstream;dur="), upstream).toString();
    }

    /** Milliseconds with one decimal, half up, as {@code %.1f} writes them (without a formatter per request). */
    static StringBuilder appendMillis(StringBuilder out, long nanos) {
        long tenths = (Math.max(0, nanos) + 50_000) / 100_000;
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }

    /** Replaces every header of the message with RegionGate's own. */
    public void replaceOn(Message message, GatewayCall call) {
        message.removeHeaders("*");
        of(call).forEach(message::setHeader);
    }

    public void addTo(HttpServerResponse response, GatewayCall call) {
        of(call).forEach(response::putHeader);
    }
}
