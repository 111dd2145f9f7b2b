package io.regiongate.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.regiongate.api.ApiOperation;
import io.regiongate.api.ChatRequestParser;
import io.regiongate.api.EmbeddingsRequestParser;
import io.regiongate.api.ResponsesRequestParser;
import io.regiongate.config.GatewayConfig;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.flow.answer.ErrorResponseProcessor;
import io.regiongate.flow.answer.ListenerAnswerBody;
import io.regiongate.flow.answer.RedactAnswerProcessor;
import io.regiongate.flow.answer.ResponseHeaders;
import io.regiongate.flow.answer.UpstreamResponseProcessor;
import io.regiongate.flow.chat.AdmitQuotaProcessor;
import io.regiongate.flow.chat.AuthenticateProcessor;
import io.regiongate.flow.chat.BeginRequestProcessor;
import io.regiongate.flow.chat.LimitConcurrencyProcessor;
import io.regiongate.flow.chat.ModelGetProcessor;
import io.regiongate.flow.chat.ModelsListProcessor;
import io.regiongate.flow.chat.PlanDispatchProcessor;
import io.regiongate.flow.chat.RedactPromptProcessor;
import io.regiongate.flow.chat.ResidencyProcessor;
import io.regiongate.flow.chat.ValidateChatRequestProcessor;
import io.regiongate.flow.chat.VerifyPeerProcessor;
import io.regiongate.flow.dispatch.NextTargetProcessor;
import io.regiongate.flow.dispatch.PreparePeerRequestProcessor;
import io.regiongate.flow.dispatch.PrepareUpstreamRequestProcessor;
import io.regiongate.flow.dispatch.RecordAttemptProcessor;
import io.regiongate.flow.ops.AdminAuthorization;
import io.regiongate.flow.ops.AdminReloadProcessor;
import io.regiongate.flow.ops.AdminUsageProcessor;
import io.regiongate.flow.ops.HealthProcessor;
import io.regiongate.flow.ops.HealthReport;
import io.regiongate.flow.ops.MetricsProcessor;
import io.regiongate.flow.ops.RecordTelemetryProcessor;
import io.regiongate.flow.stream.CamelStreamEventFlow;
import io.regiongate.flow.stream.SseRelay;
import io.regiongate.flow.stream.StreamEventSteps;
import io.regiongate.flow.stream.StreamingCallProcessor;
import io.regiongate.metrics.RequestMetrics;
import io.regiongate.peer.ForwardedRequestVerifier;
import io.regiongate.peer.PeerLinks;
import io.regiongate.tls.PeerClientTls;
import io.regiongate.probe.TargetProbes;
import io.regiongate.quota.ConcurrentRequests;
import io.regiongate.reload.LiveSettings;
import io.regiongate.reload.Reloader;
import io.regiongate.residency.ResidencyPolicy;
import io.regiongate.routes.Steps;
import io.regiongate.telemetry.RequestSpans;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Processor;

/** Builds the processors the flows name in {@link Steps}, from one region's configuration. */
final class StepBindings {

    private StepBindings() {
    }

    static Map<String, Processor> create(GatewayConfig config, LiveSettings live, Reloader reloader,
                                         UpstreamBreakers breakers, TargetProbes probes,
                                         HealthReport health,
                                         QuotaRuntime quota,
                                         AdminAuthorization admin, PrometheusMeterRegistry metrics,
                                         RequestSpans spans, CamelStreamEventFlow eventFlow, PeerLinks peerLinks,
                                         PeerClientTls peerTls) {
        ResponseHeaders responseHeaders = new ResponseHeaders(config.region());
        Cooldowns cooldowns = new Cooldowns(Clock.systemUTC());
        Map<String, Processor> steps = new LinkedHashMap<>();
        steps.put(Steps.BEGIN_REQUEST, new BeginRequestProcessor());
        steps.put(Steps.AUTHENTICATE, new AuthenticateProcessor(() -> live.current().authenticator()));
        ForwardedRequestVerifier forwards = new ForwardedRequestVerifier(peerLinks, Clock.systemUTC());
        steps.put(Steps.VERIFY_PEER, new VerifyPeerProcessor(forwards, ApiOperation.CHAT_COMPLETIONS));
        steps.put(Steps.VERIFY_PEER_EMBEDDINGS, new VerifyPeerProcessor(forwards, ApiOperation.EMBEDDINGS));
        steps.put(Steps.VERIFY_PEER_RESPONSES, new VerifyPeerProcessor(forwards, ApiOperation.RESPONSES));
        steps.put(Steps.LIMIT_CONCURRENCY, new LimitConcurrencyProcessor(new ConcurrentRequests()));
        steps.put(Steps.VALIDATE_CHAT_REQUEST,
                new ValidateChatRequestProcessor(new ChatRequestParser(config.listen().maxRequestBytes())));
        steps.put(Steps.VALIDATE_EMBEDDINGS_REQUEST,
                new ValidateChatRequestProcessor(new EmbeddingsRequestParser(config.listen().maxRequestBytes())));
        steps.put(Steps.VALIDATE_RESPONSES_REQUEST,
                new ValidateChatRequestProcessor(new ResponsesRequestParser(config.listen().maxRequestBytes())));
        steps.put(Steps.RESIDENCY, new ResidencyProcessor(new ResidencyPolicy(config)));
        steps.put(Steps.PLAN_DISPATCH, new PlanDispatchProcessor(() -> live.current().planner()));
        steps.put(Steps.NEXT_TARGET, new NextTargetProcessor(config.region(), breakers, cooldowns, probes,
                () -> live.current().targets()));
        steps.put(Steps.RECORD_SUCCESS, RecordAttemptProcessor.success());
        steps.put(Steps.RECORD_FAILURE, RecordAttemptProcessor.failure(cooldowns));
        steps.put(Steps.PREPARE_UPSTREAM_REQUEST, new PrepareUpstreamRequestProcessor());
        steps.put(Steps.PREPARE_PEER_REQUEST, new PreparePeerRequestProcessor(config.region(), spans, peerLinks, Clock.systemUTC()));
        steps.put(Steps.CALL_STREAMING, new StreamingCallProcessor(RegionGate.connectionsPerTarget(config.listen()), peerTls));
        steps.put(Steps.UPSTREAM_RESPONSE, new UpstreamResponseProcessor(responseHeaders, new SseRelay(config.listen().clientStallTimeout()), eventFlow));
        steps.put(Steps.PARSE_EVENT, StreamEventSteps.parseStep());
        steps.put(Steps.METER_EVENT, StreamEventSteps.meterStep());
        steps.put(Steps.TRANSFORM_EVENT, StreamEventSteps.transformStep());
        steps.put(Steps.RELAY_EVENT, StreamEventSteps.relayStep());
        steps.put(Steps.ERROR_RESPONSE, new ErrorResponseProcessor(responseHeaders));
        steps.put(Steps.MODELS_LIST, new ModelsListProcessor(() -> live.current().catalog(), responseHeaders));
        steps.put(Steps.MODEL_GET, new ModelGetProcessor(() -> live.current().catalog(), responseHeaders));
        steps.put(Steps.HEALTH_LIVE, HealthProcessor.liveness(health));
        steps.put(Steps.HEALTH_READY, HealthProcessor.readiness(health));
        steps.put(Steps.ADMIT_QUOTA, new AdmitQuotaProcessor(quota.ledger(), quota.estimator(), quota.metrics()));
        steps.put(Steps.REDACT_PROMPT, new RedactPromptProcessor(() -> live.current().redaction()));
        steps.put(Steps.REDACT_ANSWER, new RedactAnswerProcessor());
        steps.put(Steps.LISTENER_ANSWER_BODY, new ListenerAnswerBody());
        steps.put(Steps.ADMIN_USAGE, new AdminUsageProcessor(live::config, quota.ledger(), quota.metrics(), admin,
                responseHeaders));
        steps.put(Steps.ADMIN_RELOAD, new AdminReloadProcessor(reloader, admin, responseHeaders));
        steps.put(Steps.RECORD_TELEMETRY, new RecordTelemetryProcessor(
                new RequestMetrics(metrics, () -> live.current().labels()), spans));
        steps.put(Steps.METRICS, new MetricsProcessor(metrics::scrape, admin));
        return steps;
    }
}
