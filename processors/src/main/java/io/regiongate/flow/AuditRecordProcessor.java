package io.regiongate.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.api.ChatRequest;
import io.regiongate.audit.AuditFacts;
import io.regiongate.audit.AuditRecord;
import io.regiongate.audit.AuditRecordFactory;
import io.regiongate.audit.CompletionTally;
import io.regiongate.config.TenantConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.FailoverState;
import io.regiongate.failover.RegionUnavailable;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.residency.ResidencyDecision;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The audit step at the end of a request, on success and on error alike: gathers what the
 * exchange knows (tenant, model, upstream, status, usage, how the answer ended, the content to
 * hash) and leaves the {@link AuditRecord} in {@link ExchangeKeys#AUDIT_RECORD}, with
 * {@link ExchangeKeys#AUDIT_SYNC} telling whether the answer waits for its delivery. It reads the
 * message and never changes it.
 */
public final class AuditRecordProcessor implements Processor {

    private static final String SYNC = "sync";
    private static final String CONTENT_NONE = "none";

    private final AuditRecordFactory factory;

    public AuditRecordProcessor(AuditRecordFactory factory) {
        this.factory = factory;
    }

    @Override
    public void process(Exchange exchange) {
        TenantConfig tenant = exchange.getProperty(ExchangeKeys.TENANT, TenantConfig.class);
        ChatRequest request = exchange.getProperty(ExchangeKeys.CHAT_REQUEST, ChatRequest.class);
        ResolvedUpstream upstream = exchange.getProperty(ExchangeKeys.UPSTREAM, ResolvedUpstream.class);
        Optional<HttpServerResponse> client = ClientResponse.of(exchange);
        boolean streamed = client.isPresent() && client.get().headWritten()
                && exchange.getProperty(ExchangeKeys.STREAM_ENDING) != null;

        int status;
        String errorCode = null;
        String errorMessage = null;
        AuditRecord.Completion completion;
        CompletionTally tally;
        if (streamed) {
            status = client.get().getStatusCode();
            SseRelay.Ending ending = exchange.getProperty(ExchangeKeys.STREAM_ENDING, SseRelay.Ending.class);
            completion = switch (ending) {
                case COMPLETE -> AuditRecord.Completion.COMPLETE;
                case CLIENT_CANCELLED -> AuditRecord.Completion.CLIENT_CANCELLED;
                case UPSTREAM_FAILED -> AuditRecord.Completion.INCOMPLETE;
            };
            if (ending == SseRelay.Ending.UPSTREAM_FAILED) {
                errorCode = "upstream_error";
            }
            CompletionTally seen = exchange.getProperty(ExchangeKeys.STREAM_TALLY, CompletionTally.class);
            tally = seen == null ? new CompletionTally() : seen;
        } else {
            status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
            byte[] body = exchange.getMessage().getBody(byte[].class);
            if (status >= 200 && status < 300) {
                completion = AuditRecord.Completion.COMPLETE;
                tally = CompletionTally.ofAnswer(body);
            } else {
                completion = AuditRecord.Completion.INCOMPLETE;
                tally = new CompletionTally();
                JsonNode error = ErrorBodies.error(body);
                errorCode = error.path("code").asText(null);
                errorMessage = error.path("message").asText(null);
            }
        }
        String completionSha256 = tally.completionSha256();
        ResidencyDecision residency = exchange.getProperty(ExchangeKeys.RESIDENCY, ResidencyDecision.class);
        FailoverState failover = exchange.getProperty(ExchangeKeys.FAILOVER, FailoverState.class);
        String servedRegion = exchange.getProperty(ExchangeKeys.SERVED_REGION, String.class);
        // a peer served: this region keeps only the metadata of the forward, no content hash
        boolean forwarded = servedRegion != null;
        // nor does a region the tenant's residency excludes (a pinned request), however it ended
        boolean keepsContent = !forwarded && (residency == null || residency.permits(factory.region()));
        String upstreamId = forwarded ? exchange.getProperty(ExchangeKeys.SERVED_UPSTREAM, String.class)
                : upstream == null ? null : upstream.id();
        String upstreamRegion = forwarded ? servedRegion : upstream == null ? null : upstream.config().region();

        AuditFacts facts = new AuditFacts(
                exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class),
                Instant.ofEpochMilli(exchange.getClock().getCreated()),
                tenant == null ? null : tenant.id(),
                tenant == null ? null : keepsContent ? tenant.audit().content() : CONTENT_NONE,
                request == null ? null : request.model(),
                request == null ? null : request.stream(),
                request == null || !keepsContent ? null : request.body().get("messages"),
                upstreamId,
                upstreamRegion,
                failover == null ? List.of() : failover.hops(),
                residencyOutcome(residency, forwarded, errorCode),
                residency == null ? null : residency.reason(),
                residency == null ? null : residency.consentId(),
                quotaOutcome(exchange.getProperty(ExchangeKeys.QUOTA_DECISION, QuotaDecision.class)),
                status,
                errorCode,
                errorMessage,
                completion,
                tally.usage(),
                null,
                keepsContent ? completionSha256 : null);
        exchange.setProperty(ExchangeKeys.AUDIT_RECORD, factory.build(facts));
        exchange.setProperty(ExchangeKeys.AUDIT_SYNC, tenant != null && SYNC.equals(tenant.audit().delivery()));
    }

    /** {@code admitted} or {@code rejected-<window>}; null when no limit applied. */
    private static String quotaOutcome(QuotaDecision decision) {
        if (decision == null) {
            return null;
        }
        return decision.admitted() ? "admitted"
                : "rejected-" + decision.rejectedBy().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code refused}, {@code forwarded} (a peer served) or {@code local}; null before the decision. */
    private static String residencyOutcome(ResidencyDecision residency, boolean forwarded, String errorCode) {
        if (RegionUnavailable.CODE.equals(errorCode)) {
            return "refused";
        }
        if (residency == null) {
            return null;
        }
        return forwarded ? "forwarded" : "local";
    }

    /** The {@code error} object of an OpenAI error body; a missing node when the body is not one. */
    static final class ErrorBodies {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private ErrorBodies() {
        }

        static JsonNode error(byte[] body) {
            if (body == null || body.length == 0) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body).path("error");
            } catch (java.io.IOException e) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        }
    }
}
