package io.regiongate.flow.chat;

import io.regiongate.api.ChatRequest;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.Calls;
import io.regiongate.flow.answer.RateLimitHeaders;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaMetrics;
import io.regiongate.quota.QuotaWindow;
import io.regiongate.quota.TokenEstimator;
import io.regiongate.quota.UsageMeter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserve: admits the request against the tenant's limits in this region and reserves its token
 * estimate, in one call to the {@link QuotaLedger}; refuses it with 429 when it does not fit.
 * Settle: when the exchange completes (answered, failed or cancelled) the reservation is replaced
 * by what the {@link UsageMeter} measured, asynchronously.
 */
public final class AdmitQuotaProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AdmitQuotaProcessor.class);

    private final QuotaLedger ledger;
    private final TokenEstimator estimator;
    private final QuotaMetrics metrics;

    public AdmitQuotaProcessor(QuotaLedger ledger, TokenEstimator estimator, QuotaMetrics metrics) {
        this.ledger = ledger;
        this.estimator = estimator;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        TenantConfig tenant = call.tenant();
        ChatRequest request = call.request();
        if (call.failover() != null && !call.failover().mayServeHere()) {
            // pinned: the whole request goes to a peer, whose region admits and counts it
            return;
        }
        QuotaLimits limits = QuotaLimits.of(tenant.quotas());
        long prompt = estimator.promptTokens(request);
        UsageMeter meter = new UsageMeter(estimator, prompt);
        call.answer().meterWith(meter);
        if (limits.isEmpty()) {
            metrics.admitted(tenant.id());
            return;
        }
        long estimate = estimator.estimate(request, prompt, tenant.quotas().completionReserve());
        QuotaDecision decision;
        try {
            decision = ledger.admit(tenant.id(), limits, estimate);
        } catch (GatewayException e) {
            metrics.unavailable(tenant.id());
            throw e;
        }
        call.quotaDecided(decision);
        if (!decision.admitted()) {
            metrics.rejected(tenant.id(), decision.rejectedBy());
            throw new GatewayException(refusal(decision));
        }
        metrics.admitted(tenant.id());
        exchange.getExchangeExtension().addOnCompletion(new Settlement(ledger, decision, meter, call.requestId()));
    }

    static OpenAiError refusal(QuotaDecision decision) {
        QuotaWindow window = decision.rejectedBy();
        long limit = window == QuotaWindow.SECOND ? decision.requests().limit() : decision.tokens().limit();
        long retry = RateLimitHeaders.retryAfterSeconds(decision.retryAfter());
        String name = window.key().replace('-', ' ');
        return switch (window) {
            case SECOND -> OpenAiError.rateLimited(name, limit, retry, false);
            case MINUTE -> OpenAiError.rateLimited(name, limit, retry, true);
            case DAY, MONTH -> OpenAiError.quotaExceeded(name, limit, retry);
        };
    }

    /** Settles once, whatever way the exchange ends. */
    private static final class Settlement extends SynchronizationAdapter {
        private final QuotaLedger ledger;
        private final QuotaDecision decision;
        private final UsageMeter meter;
        private final String requestId;

        Settlement(QuotaLedger ledger, QuotaDecision decision, UsageMeter meter, String requestId) {
            this.ledger = ledger;
            this.decision = decision;
            this.meter = meter;
            this.requestId = requestId;
        }

        @Override
        public void onDone(Exchange exchange) {
            long charged = meter.charged();
            LOG.debug("request {}: settling {} reserved tokens at {} ({})", requestId,
                    decision.reservation().tokens(), charged, meter.reported() ? "upstream usage" : "counted");
            ledger.settle(decision.reservation(), charged);
        }
    }
}
