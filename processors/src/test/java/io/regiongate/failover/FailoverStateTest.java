package io.regiongate.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.dispatch.DispatchPlan;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.probe.TargetProbes;
import io.regiongate.quota.MutableClock;
import io.regiongate.residency.ResidencyDecision;
import io.regiongate.residency.ResidencyPolicy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverStateTest {

    private final GatewayConfig config = Regions.euWest(Regions.breaker(2, Duration.ofMinutes(1)));
    private final UpstreamBreakers breakers = new UpstreamBreakers(config);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final Cooldowns cooldowns = new Cooldowns(clock);
    private final TenantConfig acme = Regions.tenant("acme-eu", "eu", CrossBorder.NEVER);
    private final ResidencyDecision never = new ResidencyPolicy(config).decide(acme, null, null, false);

    private static final DispatchTarget PRIMARY = new DispatchTarget(DispatchTarget.Kind.UPSTREAM, "eu-primary", "eu-west-1");
    private static final DispatchTarget SECONDARY = new DispatchTarget(DispatchTarget.Kind.UPSTREAM, "eu-secondary", "eu-west-1");
    private static final DispatchTarget US_PEER = new DispatchTarget(DispatchTarget.Kind.PEER, "peer-us-east-1", "us-east-1");

    @Test
    void failsOverToTheSecondaryAndNamesTheHops() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);

        assertThat(state.next(breakers, cooldowns, TargetProbes.none())).contains(PRIMARY);
        assertThat(state.recordFailure(http(500), cooldowns)).isTrue();
        assertThat(state.next(breakers, cooldowns, TargetProbes.none())).contains(SECONDARY);
        assertThat(state.failoverHeader()).isEqualTo("eu-primary:http-500>eu-secondary:ok");
        state.recordSuccess();

        assertThat(state.hops()).containsExactly("eu-primary:http-500", "eu-secondary:ok");
    }

    @Test
    void noFailoverHeaderWhenTheFirstTargetServes() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);

        state.next(breakers, cooldowns, TargetProbes.none());
        state.recordSuccess();

        assertThat(state.failoverHeader()).isNull();
    }

    @Test
    void reChecksResidencyOnEveryHopEvenForATargetThePlanHolds() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(US_PEER, SECONDARY), true), never);

        assertThat(state.next(breakers, cooldowns, TargetProbes.none())).contains(SECONDARY);
        assertThat(state.hops()).containsExactly("peer-us-east-1:residency");
    }

    @Test
    void skipsATargetWhoseBreakerIsOpenAfterTheConfiguredFailures() {
        for (int i = 0; i < 2; i++) {
            FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
            state.next(breakers, cooldowns, TargetProbes.none());
            state.recordFailure(http(503), cooldowns);
        }
        assertThat(breakers.of("eu-primary").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
        assertThat(state.next(breakers, cooldowns, TargetProbes.none())).contains(SECONDARY);
        assertThat(state.failoverHeader()).isEqualTo("eu-primary:open>eu-secondary:ok");
    }

    @Test
    void keepsATargetThatAnswered429WithRetryAfterOutOfRotationForThatLong() {
        FailoverState first = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
        first.next(breakers, cooldowns, TargetProbes.none());
        first.recordFailure(new UpstreamFailure(OpenAiError.upstreamError("eu-primary", "HTTP 429"), "http-429",
                Duration.ofSeconds(2)), cooldowns);

        clock.advance(Duration.ofSeconds(1));
        FailoverState during = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
        assertThat(during.next(breakers, cooldowns, TargetProbes.none())).contains(SECONDARY);
        assertThat(during.hops()).containsExactly("eu-primary:cooldown");

        clock.advance(Duration.ofSeconds(1));
        FailoverState after = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
        assertThat(after.next(breakers, cooldowns, TargetProbes.none())).contains(PRIMARY);
    }

    @Test
    void timeoutsAndConnectErrorsFailOverButClientErrorsDoNot() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY, PRIMARY), false), never);

        state.next(breakers, cooldowns, TargetProbes.none());
        assertThat(state.recordFailure(new SocketTimeoutException("read timed out"), cooldowns)).isTrue();
        state.next(breakers, cooldowns, TargetProbes.none());
        assertThat(state.recordFailure(new IOException("connection refused"), cooldowns)).isTrue();
        assertThat(state.hops()).containsExactly("eu-primary:timeout", "eu-secondary:connect-error");

        state.next(breakers, cooldowns, TargetProbes.none());
        assertThat(state.recordFailure(new GatewayException(OpenAiError.invalidJson("x")), cooldowns)).isFalse();
    }

    @Test
    void aFailureThatIsNotTheTargetsReleasesItsHalfOpenPermit() {
        CircuitBreaker primary = breakers.of("eu-primary");
        primary.transitionToOpenState();
        primary.transitionToHalfOpenState();
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY), false), never);

        state.next(breakers, cooldowns, TargetProbes.none());
        state.recordFailure(new IllegalStateException("a bug, not the upstream"), cooldowns);

        assertThat(primary.tryAcquirePermission()).as("the single half-open permit is available again").isTrue();
    }

    @Test
    void exhaustionAnswersTheLastUpstreamErrorWhenNothingWasExcluded() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY), false), never);
        state.next(breakers, cooldowns, TargetProbes.none());
        state.recordFailure(http(500), cooldowns);

        assertThat(state.next(breakers, cooldowns, TargetProbes.none())).isEmpty();
        assertThat(state.exhausted("eu-west-1").status()).isEqualTo(502);
    }

    @Test
    void exhaustionFailsClosedNamingThePolicyWhenResidencyExcludedOtherRegions() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), true), never);
        state.next(breakers, cooldowns, TargetProbes.none());
        state.recordFailure(http(500), cooldowns);
        state.next(breakers, cooldowns, TargetProbes.none());
        state.recordFailure(http(500), cooldowns);

        OpenAiError error = state.exhausted("eu-west-1");
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.code()).isEqualTo("region_unavailable");
        assertThat(error.message())
                .isEqualTo("eu-west-1 unavailable; cross-border failover not permitted for tenant acme-eu (policy never)");
    }

    @Test
    void theLoopGoesOnUntilATargetAnswersNoneIsLeftOrAFailureIsNotTheTargets() {
        FailoverState answered = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
        answered.next(breakers, cooldowns, TargetProbes.none());
        answered.recordFailure(http(500), cooldowns);
        assertThat(answered.pending()).isTrue();
        answered.next(breakers, cooldowns, TargetProbes.none());
        answered.recordSuccess();
        assertThat(answered.pending()).isFalse();

        FailoverState exhausted = new FailoverState(new DispatchPlan(List.of(PRIMARY), false), never);
        exhausted.next(breakers, cooldowns, TargetProbes.none());
        exhausted.recordFailure(http(500), cooldowns);
        assertThat(exhausted.next(breakers, cooldowns, TargetProbes.none())).isEmpty();
        assertThat(exhausted.pending()).isFalse();

        FailoverState refused = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);
        refused.next(breakers, cooldowns, TargetProbes.none());
        refused.recordFailure(new GatewayException(OpenAiError.invalidJson("x")), cooldowns);
        assertThat(refused.pending()).isFalse();
    }

    @Test
    void recordsEachCallWithItsTimeToFirstByteAndEachTargetPassedOverWithout() {
        FailoverState state = new FailoverState(new DispatchPlan(List.of(US_PEER, PRIMARY), false), never);

        state.next(breakers, cooldowns, TargetProbes.none());
        state.firstByte();
        state.recordSuccess();

        assertThat(state.attempts()).extracting(Attempt::hop).containsExactly("peer-us-east-1:residency", "eu-primary:ok");
        assertThat(state.attempts()).extracting(Attempt::called).containsExactly(false, true);
        assertThat(state.attempts().get(1).timeToFirstByte()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void anAnswerAboutTheTenantNeitherCountsOnTheBreakerNorCoolsTheTargetDown() {
        CircuitBreaker peer = breakers.of("peer-us-east-1");
        peer.transitionToOpenState();
        peer.transitionToHalfOpenState();
        FailoverState state = new FailoverState(new DispatchPlan(List.of(US_PEER), false), allowed());

        state.next(breakers, cooldowns, TargetProbes.none());
        state.firstByte();
        state.answerIsAboutTheTenant();
        state.recordSuccess();

        assertThat(peer.getMetrics().getNumberOfSuccessfulCalls()).isZero();
        assertThat(peer.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(peer.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(peer.tryAcquirePermission()).as("the half-open permit is given back").isTrue();
        assertThat(cooldowns.isCoolingDown("peer-us-east-1")).isFalse();
    }

    private ResidencyDecision allowed() {
        TenantConfig globex = Regions.tenant("globex", "us", CrossBorder.ALLOWED);
        return new ResidencyPolicy(config).decide(globex, null, null, false);
    }

    private static UpstreamFailure http(int status) {
        return new UpstreamFailure(OpenAiError.upstreamError("x", "HTTP " + status), "http-" + status, null);
    }

    @Test
    void anUpstreamRemovedByAReloadAfterThePlanIsPassedOverWithItsPermitGivenBack() {
        UpstreamBreakers oneCallAtATime = new UpstreamBreakers(config);
        CircuitBreaker primary = oneCallAtATime.of("eu-primary");
        primary.transitionToOpenState();
        primary.transitionToHalfOpenState();
        FailoverState state = new FailoverState(new DispatchPlan(List.of(PRIMARY, SECONDARY), false), never);

        assertThat(state.next(oneCallAtATime, cooldowns, TargetProbes.none())).contains(PRIMARY);
        state.passOverRemoved();

        assertThat(state.next(oneCallAtATime, cooldowns, TargetProbes.none())).contains(SECONDARY);
        state.recordSuccess();
        assertThat(state.hops()).containsExactly("eu-primary:removed", "eu-secondary:ok");
        assertThat(primary.tryAcquirePermission()).as("the half-open breaker's one trial call is free again").isTrue();
    }
}
