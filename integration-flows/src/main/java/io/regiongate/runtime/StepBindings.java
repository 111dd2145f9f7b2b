package io.regiongate.runtime;

import io.regiongate.api.ChatRequestParser;
import io.regiongate.config.GatewayConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.dispatch.UpstreamCatalog;
import io.regiongate.dispatch.UpstreamDirectory;
import io.regiongate.dispatch.UpstreamPlanner;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.DispatchPlanner;
import io.regiongate.failover.ResolvedPeer;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.flow.AdminUsageProcessor;
import io.regiongate.flow.AdmitQuotaProcessor;
import io.regiongate.flow.AuthenticateProcessor;
import io.regiongate.flow.CamelStreamEventFlow;
import io.regiongate.flow.BeginRequestProcessor;
import io.regiongate.flow.ErrorResponseProcessor;
import io.regiongate.flow.HealthProcessor;
import io.regiongate.flow.ModelsListProcessor;
import io.regiongate.flow.NextTargetProcessor;
import io.regiongate.flow.PlanDispatchProcessor;
import io.regiongate.flow.PreparePeerRequestProcessor;
import io.regiongate.flow.PrepareUpstreamRequestProcessor;
import io.regiongate.flow.RecordAttemptProcessor;
import io.regiongate.flow.ResidencyProcessor;
import io.regiongate.flow.ResponseHeaders;
import io.regiongate.flow.SseRelay;
import io.regiongate.flow.StreamingCallProcessor;
import io.regiongate.flow.StreamEventSteps;
import io.regiongate.flow.UpstreamResponseProcessor;
import io.regiongate.flow.ValidateChatRequestProcessor;
import io.regiongate.residency.ResidencyPolicy;
import io.regiongate.routes.Steps;
import io.regiongate.tenant.TenantAuthenticator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.apache.camel.Processor;

/** Builds the processors the flows name in {@link Steps}, from one region's configuration. */
final class StepBindings {

    private StepBindings() {
    }

    static Map<String, Processor> create(GatewayConfig config, List<ResolvedUpstream> upstreams,
                                         List<ResolvedPeer> peers, UpstreamBreakers breakers, QuotaRuntime quota,
                                         String adminToken, CamelStreamEventFlow eventFlow) {
        ResponseHeaders responseHeaders = new ResponseHeaders(config.region());
        Cooldowns cooldowns = new Cooldowns(Clock.systemUTC());
        Map<String, ResolvedPeer> peersById = peers.stream()
                .collect(Collectors.toMap(ResolvedPeer::id, peer -> peer));
        Map<String, Processor> steps = new LinkedHashMap<>();
        steps.put(Steps.BEGIN_REQUEST, new BeginRequestProcessor());
        steps.put(Steps.AUTHENTICATE, new AuthenticateProcessor(new TenantAuthenticator(config.tenants())));
        steps.put(Steps.VALIDATE_CHAT_REQUEST,
                new ValidateChatRequestProcessor(new ChatRequestParser(config.listen().maxRequestBytes())));
        steps.put(Steps.RESIDENCY, new ResidencyProcessor(new ResidencyPolicy(config)));
        steps.put(Steps.PLAN_DISPATCH, new PlanDispatchProcessor(
                new DispatchPlanner(config, new UpstreamPlanner(RandomGenerator.getDefault()))));
        steps.put(Steps.NEXT_TARGET, new NextTargetProcessor(config.region(), breakers, cooldowns,
                new UpstreamDirectory(upstreams), peersById));
        steps.put(Steps.RECORD_SUCCESS, RecordAttemptProcessor.success());
        steps.put(Steps.RECORD_FAILURE, RecordAttemptProcessor.failure(cooldowns));
        steps.put(Steps.PREPARE_UPSTREAM_REQUEST, new PrepareUpstreamRequestProcessor());
        steps.put(Steps.PREPARE_PEER_REQUEST, new PreparePeerRequestProcessor(config.region()));
        steps.put(Steps.CALL_STREAMING, new StreamingCallProcessor(RegionRuntime.connectionsPerTarget(config.listen())));
        steps.put(Steps.UPSTREAM_RESPONSE, new UpstreamResponseProcessor(responseHeaders, new SseRelay(), eventFlow));
        steps.put(Steps.PARSE_EVENT, StreamEventSteps.parseStep());
        steps.put(Steps.METER_EVENT, StreamEventSteps.meterStep());
        steps.put(Steps.TRANSFORM_EVENT, StreamEventSteps.transformStep());
        steps.put(Steps.RELAY_EVENT, StreamEventSteps.relayStep());
        steps.put(Steps.ERROR_RESPONSE, new ErrorResponseProcessor(responseHeaders));
        steps.put(Steps.MODELS_LIST, new ModelsListProcessor(new UpstreamCatalog(config), responseHeaders));
        steps.put(Steps.HEALTH_LIVE, HealthProcessor.liveness(config));
        steps.put(Steps.HEALTH_READY, HealthProcessor.readiness(config, breakers, quota.cluster()));
        steps.put(Steps.ADMIT_QUOTA, new AdmitQuotaProcessor(quota.ledger(), quota.estimator(), quota.metrics()));
        steps.put(Steps.ADMIN_USAGE, new AdminUsageProcessor(config, quota.ledger(), quota.metrics(), adminToken,
                responseHeaders));
        return steps;
    }
}
