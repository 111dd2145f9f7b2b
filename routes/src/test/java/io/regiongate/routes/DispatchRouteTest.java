package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamType;
import io.regiongate.dispatch.DispatchPlan;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.dispatch.TargetDirectory;
import io.regiongate.failover.CallOutcomes;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.FailoverState;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.flow.Calls;
import io.regiongate.flow.dispatch.NextTargetProcessor;
import io.regiongate.flow.dispatch.RecordAttemptProcessor;
import io.regiongate.probe.TargetProbes;
import io.regiongate.residency.ResidencyDecision;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failover loop with its real steps and stub call routes: a failure before the first byte
 * moves on to the next target, an answer ends the loop, and a failure that is not the target's
 * (such as one after the answer began) ends it at once.
 */
class DispatchRouteTest {

    private static final String REGION = "eu-west-1";
    private static final List<String> IDS = List.of("a", "b", "c");

    private final RouteHarness harness = new RouteHarness();
    private final GatewayConfig config = new GatewayConfig(REGION, null, Map.of("eu", List.of(REGION)),
            IDS.stream().map(id -> new UpstreamConfig(id, REGION, UpstreamType.OPENAI, "http://127.0.0.1:1/v1", null,
                    List.of("gpt-4o"), IDS.indexOf(id) + 1, null, null, null, null, null)).toList(),
            null, null, null, null, null, "test");

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start(Processor a, Processor b, Processor c) {
        Cooldowns cooldowns = new Cooldowns(Clock.systemUTC());
        List<ResolvedUpstream> upstreams = config.upstreams().stream()
                .map(upstream -> new ResolvedUpstream(upstream, upstream.baseUrl(), null)).toList();
        harness.routes(new ApiErrorPolicy(), new DispatchRoute())
                .bind(Steps.NEXT_TARGET, new NextTargetProcessor(REGION, new UpstreamBreakers(config), cooldowns,
                        TargetProbes.none(), new TargetDirectory(upstreams, List.of())))
                .bind(Steps.RECORD_SUCCESS, RecordAttemptProcessor.success())
                .bind(Steps.RECORD_FAILURE, RecordAttemptProcessor.failure(cooldowns))
                .endpoint(Endpoints.target("upstream-a"), "a", a)
                .endpoint(Endpoints.target("upstream-b"), "b", b)
                .endpoint(Endpoints.target("upstream-c"), "c", c)
                .start();
    }

    private Exchange dispatch(GatewayCall call) {
        return harness.send(Endpoints.DISPATCH, exchange -> Calls.begin(exchange, call));
    }

    private GatewayCall plannedCall() {
        GatewayCall call = new GatewayCall("req_1", Instant.now(), null);
        ResidencyDecision here = new ResidencyDecision("t", CrossBorder.NEVER, List.of(REGION), "home", null, null, false);
        call.planned(new FailoverState(new DispatchPlan(config.upstreams().stream().map(DispatchTarget::upstream).toList(),
                false), here));
        return call;
    }

    private static Processor answers() {
        return exchange -> { };
    }

    private static Processor failsWith(Exception failure) {
        return exchange -> {
            throw failure;
        };
    }

    @Test
    void aFailureBeforeTheFirstByteMovesOnToTheNextTargetUntilOneAnswers() {
        start(failsWith(CallOutcomes.failureOfStatus("a", 500, null)), failsWith(new ConnectException("refused")),
                answers());
        GatewayCall call = plannedCall();

        Exchange done = dispatch(call);

        assertThat(done.isFailed()).isFalse();
        assertThat(harness.ran()).containsExactly("a", "b", "c");
        assertThat(call.failover().hops()).containsExactly("a:http-500", "b:connect-error", "c:ok");
        assertThat(call.target().id()).isEqualTo("c");
    }

    @Test
    void theFirstTargetThatAnswersEndsTheLoop() {
        start(answers(), answers(), answers());
        GatewayCall call = plannedCall();

        dispatch(call);

        assertThat(harness.ran()).containsExactly("a");
        assertThat(call.failover().hops()).isEmpty();
    }

    @Test
    void aFailureThatIsNotTheTargetsEndsTheLoopAtOnce() {
        GatewayException afterTheAnswerBegan = new GatewayException(OpenAiError.upstreamError("a", "too large"));
        start(failsWith(afterTheAnswerBegan), answers(), answers());

        Exchange done = dispatch(plannedCall());

        assertThat(harness.ran()).containsExactly("a");
        assertThat(done.getException()).isSameAs(afterTheAnswerBegan);
    }

    @Test
    void whenEveryTargetFailsTheLastFailureIsTheAnswer() {
        start(failsWith(new ConnectException("refused")), failsWith(new ConnectException("refused")),
                failsWith(new SocketTimeoutException("read timed out")));
        GatewayCall call = plannedCall();

        Exchange done = dispatch(call);

        assertThat(harness.ran()).containsExactly("a", "b", "c");
        assertThat(done.getException()).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) done.getException()).error().code()).isEqualTo("upstream_timeout");
        assertThat(call.target().id()).as("the last target tried stays named").isEqualTo("c");
    }
}
