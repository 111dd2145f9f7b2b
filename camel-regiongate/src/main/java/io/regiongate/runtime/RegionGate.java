package io.regiongate.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.regiongate.audit.AuditEvent;
import io.regiongate.config.ConfigSource;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.ListenConfig;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.flow.ops.AdminAuthorization;
import io.regiongate.flow.ops.AdminUsageProcessor;
import io.regiongate.flow.ops.HealthReport;
import io.regiongate.flow.ExchangeKeys;
import io.regiongate.flow.stream.CamelStreamEventFlow;
import io.regiongate.metrics.AuditMetrics;
import io.regiongate.metrics.TargetStateGauges;
import io.regiongate.peer.PeerLinks;
import io.regiongate.probe.TargetProbes;
import io.regiongate.reload.LiveSettings;
import io.regiongate.reload.RegionSettings;
import io.regiongate.reload.Reloader;
import io.regiongate.routes.AdminReloadRoute;
import io.regiongate.routes.AdminUsageRoute;
import io.regiongate.routes.ApiErrorPolicy;
import io.regiongate.routes.ChatCompletionsRoute;
import io.regiongate.routes.DispatchRoute;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.HealthRoute;
import io.regiongate.routes.KafkaRequestReplyRoute;
import io.regiongate.routes.MetricsRoute;
import io.regiongate.routes.ModelsRoute;
import io.regiongate.routes.StreamEventRoute;
import io.regiongate.routes.TargetCallTemplate;
import io.regiongate.telemetry.RequestSpans;
import io.regiongate.tls.PeerClientTls;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region's RegionGate inside a Camel context, the host's or the standalone runtime's alike:
 * the flows (the OpenAI HTTP API, the component's entries, dispatch, one call route per local
 * upstream and peer, audit), the step processors bound from configuration into the context's
 * registry, and the parts with a life of their own: the simulated upstreams, the audit writer
 * (it claims the region's audit directory), the region's quota cluster member or client, the
 * HTTP listeners and the active prober.
 *
 * <p>{@link #addTo} takes those parts and adds the flows before the context starts; the listeners
 * open and the prober starts once the context has fully started; when the context stops, the
 * listeners close first (before its routes stop), then, once it has stopped, the quota cluster,
 * the simulators, the audit writer (after the last record) and the tracer are closed.
 */
public final class RegionGate implements AutoCloseable {

    /** The registry name of the context's RegionGate. */
    public static final String BEAN = "regiongate";

    private static final Logger LOG = LoggerFactory.getLogger(RegionGate.class);

    private final GatewayConfig config;
    /** Where the configuration is read again on a reload; null: it cannot be. */
    private final ConfigSource source;
    private final Function<String, String> environment;
    private final Consumer<List<ResolvedUpstream>> onStarted;
    private final PrometheusMeterRegistry metrics = RuntimeMetrics.registry();
    private UpstreamResolver resolver;
    private AuditWiring audit;
    private QuotaRuntime quota;
    private RuntimeTracing tracing;
    private ApiHttpServer httpServer;
    private HealthReport health;
    private TargetProbes probes;
    /** Held for the runtime's life: Micrometer keeps a meter's state weakly. */
    private AuditMetrics auditMetrics;
    private List<ResolvedUpstream> upstreams = List.of();
    private List<ResolvedPeer> peers = List.of();
    private LiveSettings live;
    private ConfigReloader reloader;
    private CallRouteRetirement retirement;
    private ConfigFileWatcher watcher;
    /** The configuration files' digest as close to their reading as the library gets: when it is added. */
    private byte[] loadedDigest;
    private PeerClientTls peerTls;
    private CamelStreamEventFlow eventFlow;
    private volatile ActiveProber prober;
    private Vertx vertx;
    /** The Kafka request/reply entry's settings, or null when it is off. */
    private KafkaRequests kafkaRequests;
    private volatile String startFailure;
    private Runnable onStartFailure = () -> { };
    private boolean closed;

    private RegionGate(GatewayConfig config, ConfigSource source, Function<String, String> environment,
                       Consumer<List<ResolvedUpstream>> onStarted) {
        this.config = config;
        this.source = source;
        this.environment = environment;
        this.onStarted = onStarted;
    }

    /**
     * Takes this region's parts and adds its flows to {@code context}, which has not started yet.
     * When any part cannot be had (the audit directory is in use, a listen address cannot be
     * bound, the quota cluster does not start), what was taken is released and the failure thrown.
     *
     * @param onStarted told the local upstreams once the context has started and the API listens
     */
    public static RegionGate addTo(CamelContext context, GatewayConfig config, Function<String, String> environment,
                                   Consumer<List<ResolvedUpstream>> onStarted) throws Exception {
        return addTo(context, config, null, environment, onStarted);
    }

    /**
     * As {@link #addTo(CamelContext, GatewayConfig, Function, Consumer)}, for a configuration
     * {@code config} read from {@code source}, which {@code POST /admin/reload} and the file watch
     * ({@code admin.watch-interval}) read again.
     */
    public static RegionGate addTo(CamelContext context, GatewayConfig config, ConfigSource source,
                                   Function<String, String> environment,
                                   Consumer<List<ResolvedUpstream>> onStarted) throws Exception {
        RegionGate gate = new RegionGate(config, source, environment, onStarted);
        try {
            gate.wire(context);
        } catch (Exception | Error e) {
            gate.close();
            throw e;
        }
        return gate;
    }

    /** The RegionGate added to {@code context}, or null. */
    public static RegionGate of(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(BEAN, RegionGate.class);
    }

    /** The configuration as started; {@link #reloader()} may have applied a newer one's reloadable settings since. */
    public GatewayConfig config() {
        return config;
    }

    /** Reads the configuration again, as {@code POST /admin/reload} does. */
    public Reloader reloader() {
        return reloader;
    }

    /** The region's readiness and liveness, as {@code /health/*} answers them. */
    public HealthReport health() {
        return health;
    }

    /** The Vert.x instance the flows' HTTP server and streamed calls run on. */
    public Vertx vertx(CamelContext context) {
        return httpServer.vertx(context);
    }

    /** Run (besides failing the context's start) when the listeners cannot open once the context started. */
    public void onStartFailure(Runnable action) {
        this.onStartFailure = action;
    }

    /** Why the listeners could not open, or null. */
    public String startFailure() {
        return startFailure;
    }

    private void wire(CamelContext context) throws Exception {
        // settings that refuse the start come first, before anything is taken
        kafkaRequests = KafkaRequests.of(context, config);
        loadedDigest = source != null && source.canChange() ? source.sha256(config.region()) : null;
        resolver = new UpstreamResolver(environment);
        upstreams = resolver.resolve(config);
        AuditKafkaStartCheck.check(config, environment);
        // the audit directory first: a second runtime on it stops here, before it takes anything else
        audit = new AuditWiring(config, Clock.systemUTC(), AuditTuning.load(environment), () -> context, environment);
        new ApiHttpServer(config.listen(), config.admin().listen(), config.region(), () -> null, environment)
                .requireBindable();
        quota = QuotaRuntime.start(config, metrics);
        peers = config.peers().stream().map(ResolvedPeer::of).toList();
        peerTls = PeerClientTls.load(config.peers(), environment);
        eventFlow = new CamelStreamEventFlow(Endpoints.STREAM_EVENT);
        UpstreamBreakers breakers = new UpstreamBreakers(config);
        probes = new TargetProbes(config.probe().unhealthyAfter(), config.probe().healthyAfter());
        live = new LiveSettings(RegionSettings.of(config, upstreams, peers, 0));
        health = new HealthReport(config, () -> live.config().localUpstreams(), breakers, probes, quota.cluster(),
                audit::health);
        auditMetrics = AuditMetrics.register(metrics, config.region(), audit::health);
        httpServer = new ApiHttpServer(config.listen(), config.admin().listen(), config.region(), () -> health,
                environment);
        TargetStateGauges.register(metrics, config, breakers, probes);
        tracing = RuntimeTracing.of(config);
        retirement = new CallRouteRetirement(() -> context);
        reloader = new ConfigReloader(source, environment, live, resolver, peers, breakers, probes, metrics,
                () -> context, retirement, this::upstreamsChanged, event -> toTrail(context, event));
        Map<String, Processor> steps = StepBindings.create(config, live, reloader, breakers, probes,
                health, quota, config.admin().tokenSha256() != null
                        ? AdminAuthorization.ofSha256Hex(config.admin().tokenSha256())
                        : AdminAuthorization.ofToken(environment.apply(AdminUsageProcessor.ADMIN_TOKEN_ENV)),
                metrics, new RequestSpans(tracing.openTelemetry(), config.region()), eventFlow,
                PeerLinks.from(config, environment), peerTls);
        steps.forEach(context.getRegistry()::bind);
        audit.beans().forEach(context.getRegistry()::bind);
        if (!config.audit().endpoints().isEmpty()) {
            context.getRegistry().bind(AuditKafkaClients.BEAN,
                    new AuditKafkaClients(config.audit().endpoints().get(0).kafka(), environment));
        }
        context.getRegistry().bind(BEAN, this);

        PropertiesComponent properties = context.getPropertiesComponent();
        RegionGateDefaults.load().forEach((key, value) -> properties.addInitialProperty((String) key, (String) value));
        audit.properties().forEach(properties::addOverrideProperty);
        configureHttpComponent(context, config.listen());
        if (kafkaRequests != null) {
            kafkaRequests.steps().forEach(context.getRegistry()::bind);
        }

        // as Camel Main adds a host's builders: route configurations, then routes, then templated routes
        List<RoutesBuilder> routes = routes();
        for (RoutesBuilder builder : routes) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                context.addRoutesConfigurations(configurations);
            }
        }
        for (RoutesBuilder builder : routes) {
            if (!(builder instanceof RouteConfigurationsBuilder)) {
                context.addRoutes(builder);
            }
        }
        for (RoutesBuilder builder : routes) {
            context.addTemplatedRoutes(builder);
        }
        httpServer.register(context);
        HealthCheckRegistry healthChecks = HealthCheckRegistry.get(context);
        if (healthChecks != null) {
            healthChecks.register(new RegionGateHealthCheck(config.region(), health));
        }
        context.addLifecycleStrategy(new Lifecycle());
        context.addStartupListener(new Started());
    }

    private List<RoutesBuilder> routes() {
        List<RoutesBuilder> routes = new ArrayList<>(List.of(
                new ApiErrorPolicy(),
                new TargetCallTemplate(),
                new ChatCompletionsRoute(),
                ChatCompletionsRoute.componentEntry(),
                new ModelsRoute(),
                ModelsRoute.componentEntry(),
                ChatCompletionsRoute.embeddings(),
                ChatCompletionsRoute.responses(),
                new HealthRoute(),
                new AdminUsageRoute(),
                new AdminReloadRoute(),
                new MetricsRoute(),
                new DispatchRoute(),
                new StreamEventRoute(),
                new TargetRoutes(upstreams, peers, peerTls)));
        routes.addAll(audit.routes());
        if (kafkaRequests != null) {
            routes.add(new KafkaRequestReplyRoute());
        }
        return routes;
    }

    /**
     * The options RegionGate needs on camel-http, the context's {@code http} component (the host's,
     * when it has one already):
     * <ul>
     *   <li>no cookie jar: a Set-Cookie from an upstream must never travel with another tenant's request;</li>
     *   <li>no retries inside HttpClient: it would send a prompt twice on a 429/503 and sleep through
     *       Retry-After; the failover loop decides what happens after a failure;</li>
     *   <li>as many connections per target as worker threads: a worker holds at most one (a stream
     *       holds it for its length), so that no stream waits for a pooled connection.</li>
     * </ul>
     */
    private static void configureHttpComponent(CamelContext context, ListenConfig listen) {
        Component existing = context.hasComponent("http");
        HttpComponent http = existing instanceof HttpComponent known ? known : new HttpComponent();
        http.setCookieManagementDisabled(true);
        http.setAutomaticRetriesDisabled(true);
        http.setConnectionsPerRoute(connectionsPerTarget(listen));
        http.setMaxTotalConnections(Math.max(2000, listen.workerThreads()));
        if (existing == null) {
            context.addComponent("http", http);
        }
    }

    /**
     * Pooled connections per target, for camel-http and the streaming client alike: a worker thread
     * holds at most one (a stream holds it for its length), so as many as workers, and never fewer
     * than 1000.
     */
    static int connectionsPerTarget(ListenConfig listen) {
        return Math.max(1000, listen.workerThreads());
    }

    /** Once every route runs: open the listeners, start the prober, warm the stream-event route up. */
    private void started(CamelContext context) {
        try {
            httpServer.open(context);
            if (!httpServer.isListening()) {
                throw new IllegalStateException("the HTTP server is not listening on " + config.listen().host() + ":"
                        + config.listen().port());
            }
        } catch (IllegalStateException e) {
            startFailure = e.getMessage();
            onStartFailure.run();
            throw e;
        }
        vertx = httpServer.vertx(context);
        startProber(upstreams);
        if (reloader.canReload() && !config.admin().watchInterval().isZero()) {
            watcher = new ConfigFileWatcher(source, config.region(), loadedDigest, config.admin().watchInterval(),
                    () -> reloader.reload(Reloader.Trigger.FILE));
            watcher.start();
        }
        try {
            eventFlow.warmUp(context);
        } catch (IOException e) {
            throw new IllegalStateException("the stream-event route does not work", e);
        }
        onStarted.accept(upstreams);
    }

    /** Hands an event of the region's own (not a request's) to the audit writer, as the refusal summaries are. */
    private static void toTrail(CamelContext context, AuditEvent event) {
        try (ProducerTemplate template = context.createProducerTemplate()) {
            template.send(Endpoints.AUDIT_HANDOFF, exchange -> exchange.setProperty(ExchangeKeys.AUDIT_RECORD, event));
        } catch (Exception e) {
            LOG.warn("the {} event could not be handed to the audit writer: {}", event.kind(), e.toString());
        }
    }

    private synchronized void startProber(List<ResolvedUpstream> targets) {
        if (config.probe().enabled() && !closed) {
            prober = new ActiveProber(vertx, config.probe(), targets, peers, probes, peerTls);
            prober.start();
        }
    }

    /** A reload added, changed or removed upstreams: the prober probes the new list. */
    private void upstreamsChanged(List<ResolvedUpstream> targets) {
        ActiveProber running = prober;
        if (running != null) {
            running.close();
            startProber(targets);
        }
    }

    /** Before the routes stop: no new requests, no probes, no reloads. */
    private void stopping() {
        closeQuietly("the configuration watch", watcher);
        closeQuietly("the configuration reloads", reloader);
        closeQuietly("the call route retirement", retirement);
        ActiveProber running = prober;
        if (running != null) {
            running.close();
        }
        if (httpServer != null) {
            httpServer.close();
        }
    }

    /**
     * Releases the parts: the quota cluster, the simulators, the audit writer (which settles what
     * is on its way and releases the audit directory), the tracer. Once; also after a failed start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly("the quota cluster", quota);
        closeQuietly("the simulated upstreams", resolver);
        closeQuietly("the audit writer", audit);
        closeQuietly("the tracer", tracing);
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", what, e.toString());
        }
    }

    private final class Started implements ExtendedStartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // the routes are not running yet: see onCamelContextFullyStarted
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            started(context);
        }
    }

    private final class Lifecycle extends LifecycleStrategySupport {

        @Override
        public void onContextStopping(CamelContext context) {
            stopping();
        }

        @Override
        public void onContextStopped(CamelContext context) {
            close();
        }
    }
}
