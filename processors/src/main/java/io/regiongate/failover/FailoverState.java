package io.regiongate.failover;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.regiongate.api.OpenAiError;
import io.regiongate.dispatch.DispatchPlan;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.probe.TargetProbes;
import io.regiongate.residency.RegionUnavailable;
import io.regiongate.residency.ResidencyDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One request's way through its {@link DispatchPlan}: which target is being tried, the
 * {@link Attempt}s so far, and the last failure. Before every hop the residency decision is
 * checked again, then the target's cooldown, its active probes and its circuit breaker; a target passed over is an
 * attempt too. The failover loop goes on while {@link #pending()}.
 */
public final class FailoverState {

    private final DispatchPlan plan;
    private final ResidencyDecision residency;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> regionsTried = new LinkedHashSet<>();
    private int cursor;
    private DispatchTarget current;
    private CircuitBreaker currentBreaker;
    private long attemptStartNanos;
    private long firstByteNanos;
    private OpenAiError lastFailure;
    private boolean pending = true;
    private boolean answerAboutTheTenant;

    public FailoverState(DispatchPlan plan, ResidencyDecision residency) {
        this.plan = plan;
        this.residency = residency;
    }

    /**
     * The next target that residency, its cooldown, its probes and its breaker all allow, with a
     * breaker permit taken; empty when none is left, which ends the loop.
     */
    public Optional<DispatchTarget> next(UpstreamBreakers breakers, Cooldowns cooldowns, TargetProbes probes) {
        current = null;
        currentBreaker = null;
        while (cursor < plan.targets().size()) {
            DispatchTarget target = plan.targets().get(cursor++);
            if (!residency.permits(target.region())) {
                passOver(target, "residency");
                continue;
            }
            regionsTried.add(target.region());
            if (cooldowns.isCoolingDown(target.id())) {
                passOver(target, "cooldown");
                continue;
            }
            if (!probes.healthy(target.id())) {
                passOver(target, "unhealthy");
                continue;
            }
            CircuitBreaker breaker = breakers.of(target.id());
            if (!breaker.tryAcquirePermission()) {
                passOver(target, "open");
                continue;
            }
            current = target;
            currentBreaker = breaker;
            attemptStartNanos = System.nanoTime();
            firstByteNanos = 0;
            answerAboutTheTenant = false;
            return Optional.of(target);
        }
        pending = false;
        return Optional.empty();
    }

    /**
     * The target {@link #next} took is no longer in this runtime's configuration (a reload removed it
     * after the plan was made): its permit is given back and it is passed over as {@code removed}.
     */
    public void passOverRemoved() {
        if (currentBreaker != null) {
            currentBreaker.releasePermission();
        }
        passOver(current, "removed");
        current = null;
        currentBreaker = null;
    }

    /** Marks the moment the target's answer began: a call's duration for its breaker ends here. */
    public void firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    /**
     * The current target's answer is about the tenant, not about the target (a peer's 401, 403, 404
     * or 429 for this tenant): it is relayed, and says nothing about the target's health.
     */
    public void answerIsAboutTheTenant() {
        answerAboutTheTenant = true;
    }

    /** The current target answered: the loop ends. */
    public void recordSuccess() {
        pending = false;
        if (current == null) {
            return;
        }
        Duration took = elapsed();
        if (currentBreaker != null) {
            if (answerAboutTheTenant) {
                currentBreaker.releasePermission();
            } else {
                currentBreaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
            }
            currentBreaker = null;
        }
        attempts.add(new Attempt(current, Attempt.OK, took, attemptStartNanos));
    }

    /**
     * Records a failed attempt on the target's breaker and, for a 429 with Retry-After, its cooldown.
     *
     * @return true when the request may fail over to the next target; false when the failure is
     *         not the target's (the loop ends and the caller rethrows it)
     */
    public boolean recordFailure(Throwable failure, Cooldowns cooldowns) {
        CallOutcomes.Classified outcome = CallOutcomes.classify(failure, current == null ? null : current.id());
        if (!outcome.mayFailOver() || current == null) {
            if (currentBreaker != null) {
                currentBreaker.releasePermission();
                currentBreaker = null;
            }
            pending = false;
            return false;
        }
        Duration took = elapsed();
        if (currentBreaker != null) {
            currentBreaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, failure);
            currentBreaker = null;
        }
        if (outcome.retryAfter() != null) {
            cooldowns.coolDown(current.id(), outcome.retryAfter());
        }
        lastFailure = outcome.error();
        attempts.add(new Attempt(current, outcome.failoverHop(), took, attemptStartNanos));
        return true;
    }

    /**
     * The time spent waiting on targets so far: each call's time to its first byte (or its failure),
     * and the current call's until now or its first byte.
     */
    public Duration waitedOnTargets() {
        Duration waited = Duration.ZERO;
        for (Attempt attempt : attempts) {
            if (attempt.called()) {
                waited = waited.plus(attempt.timeToFirstByte());
            }
        }
        if (currentBreaker != null && current != null) {
            waited = waited.plus(elapsed());
        }
        return waited;
    }

    /** True while the failover loop should try another target. */
    public boolean pending() {
        return pending;
    }

    /** The answer when no target is left: the last failure, or 503 when residency shaped the outcome. */
    public OpenAiError exhausted(String thisRegion) {
        if (lastFailure != null && !plan.residencyExcludedTargets()) {
            return lastFailure;
        }
        return RegionUnavailable.error(thisRegion, residency, regionsTried);
    }

    /**
     * The {@code X-RegionGate-Failover} value, e.g. {@code eu-primary:http-500>eu-secondary:ok}; null
     * without failover. While the current target is answering it is named as the last hop.
     */
    public String failoverHeader() {
        if (!anyFailedHop()) {
            return null;
        }
        List<String> shown = new ArrayList<>(hops());
        if (currentBreaker != null && current != null) {
            shown.add(current.id() + ":" + Attempt.OK);
        }
        return String.join(">", shown);
    }

    /** The hops as {@code <target>:<outcome>}, in order; empty when the first target served. */
    public List<String> hops() {
        if (!anyFailedHop()) {
            return List.of();
        }
        return attempts.stream().map(Attempt::hop).toList();
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** False when the plan holds only peers: the request is pinned to another region. */
    public boolean mayServeHere() {
        return plan.targets().stream().anyMatch(target -> !target.isPeer());
    }

    public ResidencyDecision residency() {
        return residency;
    }

    private boolean anyFailedHop() {
        return attempts.stream().anyMatch(attempt -> !attempt.succeeded());
    }

    private void passOver(DispatchTarget target, String why) {
        attempts.add(new Attempt(target, why, null, System.nanoTime()));
    }

    private Duration elapsed() {
        long end = firstByteNanos != 0 ? firstByteNanos : System.nanoTime();
        return Duration.ofNanos(Math.max(0, end - attemptStartNanos));
    }
}
