package io.regiongate.failover;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.residency.ResidencyDecision;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One request's way through its {@link DispatchPlan}: which target is being tried, the hops taken,
 * and the last failure. Before every hop the residency decision is checked again, then the
 * target's cooldown and circuit breaker; a target passed over is recorded as a hop too.
 */
public final class FailoverState {

    private final DispatchPlan plan;
    private final ResidencyDecision residency;
    private final List<String> hops = new ArrayList<>();
    private final Set<String> regionsTried = new LinkedHashSet<>();
    private int cursor;
    private DispatchTarget current;
    private CircuitBreaker currentBreaker;
    private long attemptStartNanos;
    private long firstByteNanos;
    private OpenAiError lastFailure;
    private boolean anyFailedHop;

    public FailoverState(DispatchPlan plan, ResidencyDecision residency) {
        this.plan = plan;
        this.residency = residency;
    }

    /** The next target that residency, its cooldown and its breaker all allow, with a breaker permit taken. */
    public Optional<DispatchTarget> next(UpstreamBreakers breakers, Cooldowns cooldowns) {
        current = null;
        currentBreaker = null;
        while (cursor < plan.targets().size()) {
            DispatchTarget target = plan.targets().get(cursor++);
            if (!residency.permits(target.region())) {
                hop(target, "residency");
                continue;
            }
            regionsTried.add(target.region());
            if (cooldowns.isCoolingDown(target.id())) {
                hop(target, "cooldown");
                continue;
            }
            CircuitBreaker breaker = breakers.of(target.id());
            if (!breaker.tryAcquirePermission()) {
                hop(target, "open");
                continue;
            }
            current = target;
            currentBreaker = breaker;
            attemptStartNanos = System.nanoTime();
            firstByteNanos = 0;
            return Optional.of(target);
        }
        return Optional.empty();
    }

    /** Marks the moment the target's answer began: a call's duration for its breaker ends here. */
    public void firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    public void recordSuccess() {
        if (currentBreaker != null) {
            currentBreaker.onSuccess(elapsedNanos(), TimeUnit.NANOSECONDS);
            currentBreaker = null;
        }
        if (anyFailedHop && current != null) {
            hops.add(current.id() + ":ok");
        }
    }

    /**
     * Records a failed attempt on the target's breaker and, for a 429 with Retry-After, its cooldown.
     *
     * @return true when the request may fail over to the next target; false when the failure is
     *         not the target's (the caller rethrows it)
     */
    public boolean recordFailure(Throwable failure, Cooldowns cooldowns) {
        Optional<String> outcome = failoverOutcome(failure);
        if (outcome.isEmpty()) {
            if (currentBreaker != null) {
                currentBreaker.releasePermission();
                currentBreaker = null;
            }
            return false;
        }
        if (currentBreaker != null) {
            currentBreaker.onError(elapsedNanos(), TimeUnit.NANOSECONDS, failure);
            currentBreaker = null;
        }
        UpstreamFailure upstreamFailure = find(failure, UpstreamFailure.class);
        if (upstreamFailure != null && upstreamFailure.retryAfter() != null) {
            cooldowns.coolDown(current.id(), upstreamFailure.retryAfter());
        }
        lastFailure = errorFor(failure);
        hop(current, outcome.get());
        return true;
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
        if (!anyFailedHop) {
            return null;
        }
        List<String> shown = new ArrayList<>(hops);
        if (currentBreaker != null && current != null) {
            shown.add(current.id() + ":ok");
        }
        return String.join(">", shown);
    }

    /** False when the plan holds only peers: the request is pinned to another region. */
    public boolean mayServeHere() {
        return plan.targets().stream().anyMatch(target -> !target.isPeer());
    }

    public DispatchTarget current() {
        return current;
    }

    public ResidencyDecision residency() {
        return residency;
    }

    public List<String> hops() {
        return List.copyOf(hops);
    }

    private void hop(DispatchTarget target, String outcome) {
        hops.add(target.id() + ":" + outcome);
        anyFailedHop = true;
    }

    private long elapsedNanos() {
        long end = firstByteNanos != 0 ? firstByteNanos : System.nanoTime();
        return Math.max(0, end - attemptStartNanos);
    }

    private static Optional<String> failoverOutcome(Throwable failure) {
        UpstreamFailure upstreamFailure = find(failure, UpstreamFailure.class);
        if (upstreamFailure != null) {
            return Optional.of(upstreamFailure.outcome());
        }
        if (find(failure, GatewayException.class) != null) {
            return Optional.empty();
        }
        if (find(failure, InterruptedIOException.class) != null) {
            return Optional.of("timeout");
        }
        if (find(failure, IOException.class) != null) {
            return Optional.of("connect-error");
        }
        return Optional.empty();
    }

    private OpenAiError errorFor(Throwable failure) {
        UpstreamFailure upstreamFailure = find(failure, UpstreamFailure.class);
        if (upstreamFailure != null) {
            return upstreamFailure.error();
        }
        if (find(failure, InterruptedIOException.class) != null) {
            return OpenAiError.upstreamTimeout(current.id());
        }
        return OpenAiError.upstreamError(current.id(), "connection failed");
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
