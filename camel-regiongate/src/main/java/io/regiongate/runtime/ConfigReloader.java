package io.regiongate.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.regiongate.audit.AuditEvent;
import io.regiongate.config.ConfigException;
import io.regiongate.config.ConfigLoader;
import io.regiongate.config.ConfigProblem;
import io.regiongate.config.ConfigSource;
import io.regiongate.config.ConfigValidator;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.DispatchTarget;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.metrics.ReloadMetrics;
import io.regiongate.metrics.TargetStateGauges;
import io.regiongate.probe.TargetProbes;
import io.regiongate.reload.ConfigChange;
import io.regiongate.reload.LiveSettings;
import io.regiongate.reload.RegionSettings;
import io.regiongate.reload.ReloadOutcome;
import io.regiongate.reload.Reloader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration again and applies its tenants (keys and quotas with them), redaction and
 * upstreams without a restart: the new file is validated as a whole, together with the running
 * settings that need a restart (region, zones, listeners, peers, cluster, audit, ...), and refused
 * as a whole when anything is wrong; then one new {@link RegionSettings} replaces the running one.
 * A request takes the settings current when each step reaches it; one already calling an upstream
 * finishes on that upstream's old call route, which is removed once nothing is in flight on it
 * ({@link CallRouteRetirement}).
 *
 * <p>An added or changed upstream gets a new call route ({@code upstream-<id>-r<generation>}),
 * added before the new settings point at it; its breaker and gauges are added too, and the active
 * prober is restarted on the new list. Reloads run one at a time, on a thread of their own; each,
 * applied or not, is a {@code config_reload} event in the region's trail.
 */
final class ConfigReloader implements Reloader, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final ConfigSource source;
    private final ConfigLoader loader;
    private final ConfigValidator validator;
    private final LiveSettings live;
    private final UpstreamResolver resolver;
    private final List<ResolvedPeer> peers;
    private final UpstreamBreakers breakers;
    private final TargetProbes probes;
    private final MeterRegistry registry;
    private final ReloadMetrics metrics;
    private final Supplier<CamelContext> context;
    private final CallRouteRetirement retirement;
    private final Consumer<List<ResolvedUpstream>> upstreamsChanged;
    /** Where each reload's {@code config_reload} event goes: the region's own audit trail. */
    private final Consumer<AuditEvent> trail;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("regiongate-config-reload"));

    ConfigReloader(ConfigSource source, Function<String, String> environment, LiveSettings live,
                   UpstreamResolver resolver, List<ResolvedPeer> peers, UpstreamBreakers breakers, TargetProbes probes,
                   MeterRegistry registry, Supplier<CamelContext> context, CallRouteRetirement retirement,
                   Consumer<List<ResolvedUpstream>> upstreamsChanged, Consumer<AuditEvent> trail) {
        this.source = source;
        this.loader = new ConfigLoader(environment);
        this.validator = new ConfigValidator(environment);
        this.live = live;
        this.resolver = resolver;
        this.peers = peers;
        this.breakers = breakers;
        this.probes = probes;
        this.registry = registry;
        this.metrics = new ReloadMetrics(registry, live.config().region());
        this.context = context;
        this.retirement = retirement;
        this.upstreamsChanged = upstreamsChanged;
        this.trail = trail;
    }

    @Override
    public boolean canReload() {
        return source != null && source.canChange();
    }

    @Override
    public String source() {
        return source == null ? live.config().source() : source.toString();
    }

    /**
     * Runs on a thread of its own, one reload after the other: not on the admin request's Vert.x
     * worker, where starting a simulated upstream's Vert.x server would be refused.
     */
    @Override
    public ReloadOutcome reload(Trigger trigger) {
        if (!canReload()) {
            throw new IllegalStateException("the configuration " + source() + " cannot change");
        }
        try {
            return worker.submit(() -> reloadNow(trigger)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading the configuration", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the configuration reload failed", e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private ReloadOutcome reloadNow(Trigger trigger) {
        RegionSettings running = live.current();
        byte[] filesRead = source.sha256(running.config().region());
        ReloadOutcome outcome;
        try {
            outcome = apply(running, source.load(loader));
        } catch (ConfigException e) {
            outcome = ReloadOutcome.refused(e.source(), running.generation(), oneLine(e));
        } catch (Exception e) {
            outcome = ReloadOutcome.refused(source.toString(), running.generation(), "cannot be applied: " + e);
        }
        if (outcome.wasRefused()) {
            LOG.warn("configuration reload ({}) refused; generation {} keeps running: {}",
                    trigger.name().toLowerCase(Locale.ROOT), running.generation(), outcome.problem());
        } else if (!outcome.needsRestart().isEmpty()) {
            LOG.warn("configuration reload ({}): {} changed in {} but take effect only after a restart",
                    trigger.name().toLowerCase(Locale.ROOT), outcome.needsRestart(), outcome.source());
        }
        metrics.record(trigger, outcome);
        trail.accept(AuditEvent.configReload(running.config().region(), Instant.now(), new AuditEvent.ConfigReload(
                trigger.name().toLowerCase(Locale.ROOT), outcome.status(), outcome.generation(), outcome.source(),
                HexFormat.of().formatHex(filesRead), outcome.changed(), outcome.needsRestart(), outcome.problem())));
        return outcome;
    }

    private ReloadOutcome apply(RegionSettings running, GatewayConfig loaded) throws Exception {
        ConfigChange change = ConfigChange.between(running.config(), loaded);
        validator.validate(change.applied());
        if (change.changesNothing()) {
            return new ReloadOutcome(ReloadOutcome.UNCHANGED, loaded.source(), running.generation(), List.of(),
                    change.needsRestart(), null);
        }
        long generation = running.generation() + 1;
        UpstreamSwap swap = swapUpstreams(running.upstreams(), change.applied(), generation);
        breakers.adopt(change.applied());
        TargetStateGauges.adopt(registry, change.applied(), swap.removedIds(), breakers, probes);
        live.replace(RegionSettings.of(change.applied(), swap.upstreams(), peers, generation));
        if (!swap.added().isEmpty() || !swap.retired().isEmpty()) {
            upstreamsChanged.accept(swap.upstreams());
        }
        swap.retired().forEach(upstream -> retirement.retire(upstream.routeId(), () -> resolver.release(upstream)));
        LOG.info("configuration reloaded from {}: generation {}, changed {}", loaded.source(), generation,
                change.changed());
        return new ReloadOutcome(ReloadOutcome.APPLIED, loaded.source(), generation, change.changed(),
                change.needsRestart(), null);
    }

    /**
     * Keeps each upstream whose configuration is the same, resolves and adds a call route for each
     * new or changed one; the ones replaced or removed are to be retired. When a route cannot be
     * added, those added so far are removed again and the failure thrown (nothing changed).
     */
    private UpstreamSwap swapUpstreams(List<ResolvedUpstream> running, GatewayConfig applied, long generation)
            throws Exception {
        Map<String, ResolvedUpstream> runningById = new LinkedHashMap<>();
        running.forEach(upstream -> runningById.put(upstream.id(), upstream));
        List<ResolvedUpstream> next = new ArrayList<>();
        List<ResolvedUpstream> added = new ArrayList<>();
        List<ResolvedUpstream> retired = new ArrayList<>();
        try {
            for (UpstreamConfig upstream : applied.localUpstreams()) {
                ResolvedUpstream known = runningById.remove(upstream.id());
                if (known != null && known.config().equals(upstream)) {
                    next.add(known);
                    continue;
                }
                ResolvedUpstream fresh = resolver.resolve(upstream)
                        .onRoute(DispatchTarget.upstream(upstream).routeId() + "-r" + generation);
                added.add(fresh);
                TargetRoutes.addUpstreamRoute(context.get(), fresh);
                next.add(fresh);
                if (known != null) {
                    retired.add(known);
                }
            }
        } catch (Exception | Error e) {
            for (ResolvedUpstream upstream : added) {
                retirement.removeNow(upstream.routeId());
                resolver.release(upstream);
            }
            throw e;
        }
        retired.addAll(runningById.values());
        Set<String> removedIds = new LinkedHashSet<>(runningById.keySet());
        return new UpstreamSwap(next, added, retired, removedIds);
    }

    private static String oneLine(ConfigException e) {
        return e.source() + ": " + e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
    }

    private record UpstreamSwap(List<ResolvedUpstream> upstreams, List<ResolvedUpstream> added,
                                List<ResolvedUpstream> retired, Set<String> removedIds) {
    }
}
