package io.regiongate.flow.dispatch;

import io.regiongate.api.GatewayException;
import io.regiongate.call.GatewayCall;
import io.regiongate.dispatch.CallTarget;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.dispatch.TargetDirectory;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.FailoverState;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.flow.Calls;
import io.regiongate.flow.ExchangeKeys;
import io.regiongate.probe.TargetProbes;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Picks the next target the request may go to (residency re-checked, cooldown, probes and
 * breaker respected), records it as the one being called and points the failover loop at its call route;
 * when none is left, ends the request with the last failure or 503 {@code region_unavailable}.
 */
public final class NextTargetProcessor implements Processor {

    private final String region;
    private final UpstreamBreakers breakers;
    private final Cooldowns cooldowns;
    private final TargetProbes probes;
    private final Supplier<TargetDirectory> targets;

    public NextTargetProcessor(String region, UpstreamBreakers breakers, Cooldowns cooldowns, TargetProbes probes,
                               TargetDirectory targets) {
        this(region, breakers, cooldowns, probes, () -> targets);
    }

    /** @param targets the targets as configured now (a reload replaces them) */
    public NextTargetProcessor(String region, UpstreamBreakers breakers, Cooldowns cooldowns, TargetProbes probes,
                               Supplier<TargetDirectory> targets) {
        this.region = region;
        this.breakers = breakers;
        this.cooldowns = cooldowns;
        this.probes = probes;
        this.targets = targets;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        FailoverState state = call.failover();
        while (true) {
            Optional<DispatchTarget> next = state.next(breakers, cooldowns, probes);
            if (next.isEmpty()) {
                // the last target tried stays in the record: the error answer names it
                throw new GatewayException(state.exhausted(region));
            }
            Optional<CallTarget> target = targets.get().find(next.get());
            if (target.isPresent()) {
                call.calling(target.get());
                exchange.setProperty(ExchangeKeys.TARGET_ROUTE, target.get().routeId());
                return;
            }
            state.passOverRemoved();
        }
    }
}
