package io.regiongate.runtime;

import io.regiongate.api.ChatRequestParser;
import io.regiongate.config.GatewayConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.dispatch.UpstreamCatalog;
import io.regiongate.dispatch.UpstreamDirectory;
import io.regiongate.dispatch.UpstreamPlanner;
import io.regiongate.flow.AdminUsageProcessor;
import io.regiongate.flow.AdmitQuotaProcessor;
import io.regiongate.flow.AuthenticateProcessor;
import io.regiongate.flow.BeginRequestProcessor;
import io.regiongate.flow.ErrorResponseProcessor;
import io.regiongate.flow.HealthProcessor;
import io.regiongate.flow.ModelsListProcessor;
import io.regiongate.flow.PrepareUpstreamRequestProcessor;
import io.regiongate.flow.ResponseHeaders;
import io.regiongate.flow.SelectUpstreamProcessor;
import io.regiongate.flow.SseRelay;
import io.regiongate.flow.UpstreamResponseProcessor;
import io.regiongate.flow.ValidateChatRequestProcessor;
import io.regiongate.residency.ResidencyGuard;
import io.regiongate.routes.Steps;
import io.regiongate.tenant.TenantAuthenticator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.camel.Processor;

/** Builds the processors the flows name in {@link Steps}, from one region's configuration. */
final class StepBindings {

    private StepBindings() {
    }

    static Map<String, Processor> create(GatewayConfig config, List<ResolvedUpstream> upstreams, QuotaRuntime quota,
                                         String adminToken) {
        ResponseHeaders responseHeaders = new ResponseHeaders(config.region());
        UpstreamCatalog catalog = new UpstreamCatalog(config);
        Map<String, Processor> steps = new LinkedHashMap<>();
        steps.put(Steps.BEGIN_REQUEST, new BeginRequestProcessor());
        steps.put(Steps.AUTHENTICATE, new AuthenticateProcessor(new TenantAuthenticator(config.tenants())));
        steps.put(Steps.VALIDATE_CHAT_REQUEST,
                new ValidateChatRequestProcessor(new ChatRequestParser(config.listen().maxRequestBytes())));
        steps.put(Steps.SELECT_UPSTREAM, new SelectUpstreamProcessor(catalog,
                new UpstreamPlanner(RandomGenerator.getDefault()), new UpstreamDirectory(upstreams),
                new ResidencyGuard(config)));
        steps.put(Steps.PREPARE_UPSTREAM_REQUEST, new PrepareUpstreamRequestProcessor());
        steps.put(Steps.UPSTREAM_RESPONSE, new UpstreamResponseProcessor(responseHeaders, new SseRelay()));
        steps.put(Steps.ERROR_RESPONSE, new ErrorResponseProcessor(responseHeaders));
        steps.put(Steps.MODELS_LIST, new ModelsListProcessor(catalog, responseHeaders));
        steps.put(Steps.HEALTH_LIVE, HealthProcessor.liveness(config));
        steps.put(Steps.HEALTH_READY, HealthProcessor.readiness(config, quota.cluster()));
        steps.put(Steps.ADMIT_QUOTA, new AdmitQuotaProcessor(quota.ledger(), quota.estimator(), quota.metrics()));
        steps.put(Steps.ADMIN_USAGE, new AdminUsageProcessor(config, quota.ledger(), quota.metrics(), adminToken,
                responseHeaders));
        return steps;
    }
}
