package io.regiongate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.regiongate.api.ChatRequest;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.ServedBy;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import io.regiongate.dispatch.DispatchPlan;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.CallOutcomes;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.FailoverState;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.probe.TargetProbes;
import io.regiongate.residency.ResidencyDecision;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each request moves its counters once, labelled from configuration and closed sets only. */
class RequestMetricsTest {

    private static final UpstreamConfig PRIMARY = upstream("eu-primary", 1);
    private static final UpstreamConfig SECONDARY = upstream("eu-secondary", 2);
    private static final GatewayConfig CONFIG = new GatewayConfig("eu-west-1", null, Map.of("eu", List.of("eu-west-1")),
            List.of(PRIMARY, SECONDARY), null, null, null, null, null, "test");
    private static final TenantConfig ACME = new TenantConfig("acme-eu", "0".repeat(64), "eu", CrossBorder.NEVER,
            null, null, null);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(registry, new MetricLabels(CONFIG));

    private static UpstreamConfig upstream(String id, int priority) {
        return new UpstreamConfig(id, "eu-west-1", UpstreamType.OPENAI, "http://127.0.0.1:1/v1", null, List.of("gpt-4o"),
                priority, null, null, null, null, null);
    }

    private static GatewayCall call(String model) throws Exception {
        GatewayCall call = new GatewayCall("req_1", Instant.now(), null);
        call.authenticated(ACME, "default", null);
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree(
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"SECRET\"}]}");
        call.validated(new ChatRequest(body, model, false));
        return call;
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aServedRequestAfterAFailoverCountsTheRequestItsTokensAndTheFailover() throws Exception {
        GatewayCall call = call("gpt-4o");
        UpstreamBreakers breakers = new UpstreamBreakers(CONFIG);
        Cooldowns cooldowns = new Cooldowns(Clock.systemUTC());
        FailoverState failover = new FailoverState(new DispatchPlan(List.of(DispatchTarget.upstream(PRIMARY),
                DispatchTarget.upstream(SECONDARY)), false),
                new ResidencyDecision("acme-eu", CrossBorder.NEVER, List.of("eu-west-1"), "home", null, null, false));
        call.planned(failover);
        failover.next(breakers, cooldowns, TargetProbes.none());
        failover.recordFailure(CallOutcomes.failureOfStatus("eu-primary", 503, null), cooldowns);
        failover.next(breakers, cooldowns, TargetProbes.none());
        call.calling(new ResolvedUpstream(SECONDARY, "http://127.0.0.1:1/v1", null));
        call.servedBy(new ServedBy("eu-west-1", "eu-secondary", false));
        call.answer().observeWholeAnswer(("{\"choices\":[{\"message\":{\"content\":\"hi\"}}],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}").getBytes(StandardCharsets.UTF_8));
        call.answered(200);
        failover.recordSuccess();

        metrics.record(call, 0);
        metrics.record(call, 0);    // the same labels again: the meters registered the first time count on

        assertThat(count("regiongate.requests", "region", "eu-west-1", "tenant", "acme-eu", "model", "gpt-4o",
                "upstream", "eu-secondary", "status_class", "2xx")).isEqualTo(2);
        assertThat(registry.find("gen_ai.client.token.usage").tags("gen_ai_token_type", "input").summary().totalAmount())
                .isEqualTo(14);
        assertThat(registry.find("gen_ai.client.token.usage").tags("gen_ai_token_type", "output").summary().totalAmount())
                .isEqualTo(6);
        assertThat(count("regiongate.failovers", "source_region", "eu-west-1", "target_region", "eu-west-1",
                "reason", "http-5xx")).isEqualTo(2);
        assertThat(registry.find("gen_ai.client.operation.duration").timer().count()).isEqualTo(2);
        assertThat(registry.find("regiongate.gateway.overhead").timer().count()).isEqualTo(2);
    }

    @Test
    void aModelNobodyConfiguredIsOtherAndARefusalByResidencyIsCountedByItsCode() throws Exception {
        GatewayCall call = call("made-up-model-of-the-client");
        call.failed(new OpenAiError(403, OpenAiError.INVALID_REQUEST, "residency_not_permitted", "no", null));

        metrics.record(call, 0);

        assertThat(count("regiongate.requests", "model", "other", "upstream", "none", "status_class", "4xx")).isEqualTo(1);
        assertThat(count("regiongate.residency.refusals", "reason", "residency_not_permitted")).isEqualTo(1);
        for (Meter meter : registry.getMeters()) {
            meter.getId().getTags().forEach(tag -> assertThat(tag.getValue())
                    .doesNotContain("made-up-model", "SECRET"));
        }
    }
}
