package io.regiongate.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.ListenConfig;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.failover.UpstreamBreakers;
import io.regiongate.flow.ops.AdminAuthorization;
import io.regiongate.flow.ops.AdminUsageProcessor;
import io.regiongate.flow.ops.HealthReport;
import io.regiongate.flow.stream.CamelStreamEventFlow;
import io.regiongate.metrics.AuditMetrics;
import io.regiongate.metrics.TargetStateGauges;
import io.regiongate.peer.PeerLinks;
import io.regiongate.probe.TargetProbes;
import io.regiongate.routes.AdminUsageRoute;
import io.regiongate.routes.ApiErrorPolicy;
import io.regiongate.routes.ChatCompletionsRoute;
import io.regiongate.routes.DispatchRoute;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.HealthRoute;
import io.regiongate.routes.MetricsRoute;
import io.regiongate.routes.EmbeddingsRoute;
import io.regiongate.routes.ModelsRoute;
import io.regiongate.routes.ResponsesRoute;
import io.regiongate.routes.StreamEventRoute;
import io.regiongate.routes.TargetCallTemplate;
import io.regiongate.telemetry.RequestSpans;
import io.regiongate.tls.PeerClientTls;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * One region's RegionGate: a Camel Main with the API flows, one call route per local upstream,
 * the step processors bound from configuration, and the HTTP server.
 */
public final class RegionRuntime {

    private final GatewayConfig config;
    private final Function<String, String> environment;
    private final Main main = new Main();
    private final PrometheusMeterRegistry metrics = RuntimeMetrics.registry();
    private RuntimeTracing tracing;
    private UpstreamResolver resolver;
    private AuditWiring audit;
    /** Held for the runtime's life: Micrometer keeps a meter's state weakly. */
    private AuditMetrics auditMetrics;
    private volatile String startFailure;
    private volatile ActiveProber prober;

    public RegionRuntime(GatewayConfig config, Function<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    /** Starts the runtime and blocks until it is shut down (SIGTERM, Ctrl-C). */
    public void run(Consumer<List<ResolvedUpstream>> onStarted) throws Exception {
        resolver = new UpstreamResolver(environment);
        QuotaRuntime quota = null;
        try {
            List<ResolvedUpstream> upstreams = resolver.resolve(config);
            AuditKafkaStartCheck.check(config, environment);
            // the audit directory first: a second runtime on it stops here, before it takes anything else
            audit = new AuditWiring(config, Clock.systemUTC(), AuditTuning.load(environment), main::getCamelContext,
                    environment);
            new ApiHttpServer(config.listen(), config.admin().listen(), config.region(), () -> null, environment).requireBindable();
            quota = QuotaRuntime.start(config, metrics);
            configure(upstreams, quota, onStarted);
            main.run();
            if (startFailure != null) {
                throw new IllegalStateException(startFailure);
            }
        } finally {
            if (quota != null) {
                quota.close();
            }
            resolver.close();
            if (audit != null) {
                audit.close();
            }
            if (tracing != null) {
                tracing.close();
            }
        }
    }

    /** Asks a running runtime to stop; {@link #run} then returns. */
    public void stop() {
        main.completed();
    }

    private void configure(List<ResolvedUpstream> upstreams, QuotaRuntime quota,
                           Consumer<List<ResolvedUpstream>> onStarted) {
        List<ResolvedPeer> peers = config.peers().stream().map(ResolvedPeer::of).toList();
        PeerClientTls peerTls = PeerClientTls.load(config.peers(), environment);
        CamelStreamEventFlow eventFlow = new CamelStreamEventFlow(Endpoints.STREAM_EVENT);
        UpstreamBreakers breakers = new UpstreamBreakers(config);
        TargetProbes probes = new TargetProbes(config.probe().unhealthyAfter(), config.probe().healthyAfter());
        HealthReport health = new HealthReport(config, breakers, probes, quota.cluster(), audit::health);
        auditMetrics = AuditMetrics.register(metrics, config.region(), audit::health);
        ApiHttpServer httpServer = new ApiHttpServer(config.listen(), config.admin().listen(), config.region(), () -> health,
                environment);
        TargetStateGauges.register(metrics, config, breakers, probes);
        tracing = RuntimeTracing.of(config);
        Map<String, org.apache.camel.Processor> steps = StepBindings.create(config, upstreams, peers, breakers, probes,
                health, quota, config.admin().tokenSha256() != null
                        ? AdminAuthorization.ofSha256Hex(config.admin().tokenSha256())
                        : AdminAuthorization.ofToken(environment.apply(AdminUsageProcessor.ADMIN_TOKEN_ENV)),
                metrics, new RequestSpans(tracing.openTelemetry(), config.region()), eventFlow,
                PeerLinks.from(config, environment), peerTls);
        steps.forEach(main::bind);
        main.configure().withName("regiongate-" + config.region())
                .withStreamCachingEnabled(false)
                .withJmxEnabled(false)
                .withShutdownTimeout(15);
        main.configure().addRoutesBuilder(new ApiErrorPolicy());
        main.configure().addRoutesBuilder(new TargetCallTemplate());
        main.configure().addRoutesBuilder(new ChatCompletionsRoute());
        main.configure().addRoutesBuilder(new ModelsRoute());
        main.configure().addRoutesBuilder(new EmbeddingsRoute());
        main.configure().addRoutesBuilder(new ResponsesRoute());
        main.configure().addRoutesBuilder(new HealthRoute());
        main.configure().addRoutesBuilder(new AdminUsageRoute());
        main.configure().addRoutesBuilder(new MetricsRoute());
        main.configure().addRoutesBuilder(new DispatchRoute());
        main.configure().addRoutesBuilder(new StreamEventRoute());
        main.configure().addRoutesBuilder(new TargetRoutes(upstreams, peers, peerTls));
        audit.beans().forEach(main::bind);
        if (!config.audit().endpoints().isEmpty()) {
            main.bind(AuditKafkaClients.BEAN, new AuditKafkaClients(config.audit().endpoints().get(0).kafka(), environment));
        }
        audit.routes().forEach(main.configure()::addRoutesBuilder);
        audit.properties().forEach(main::addOverrideProperty);
        // no cookie jar: a Set-Cookie from an upstream must never travel with another tenant's request
        main.addInitialProperty("camel.component.http.cookie-management-disabled", "true");
        // no retries inside HttpClient: it would send a prompt twice on a 429/503 and sleep through
        // Retry-After; the failover loop decides what happens after a failure
        main.addInitialProperty("camel.component.http.automatic-retries-disabled", "true");
        // a worker thread holds at most one upstream connection (a stream holds it for its length):
        // as many connections as workers, so that no stream waits for a pooled connection
        main.addInitialProperty("camel.component.http.connections-per-route",
                String.valueOf(connectionsPerTarget(config.listen())));
        main.addInitialProperty("camel.component.http.max-total-connections",
                String.valueOf(Math.max(2000, config.listen().workerThreads())));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                httpServer.register(support.getCamelContext());
            }

            @Override
            public void beforeStop(BaseMainSupport support) {
                if (prober != null) {
                    prober.close();
                }
                httpServer.close();
            }

            @Override
            public void afterStart(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                try {
                    httpServer.open(context);
                } catch (IllegalStateException e) {
                    startFailure = e.getMessage();
                    main.completed();
                    return;
                }
                if (!httpServer.isListening()) {
                    startFailure = "the HTTP server is not listening on " + config.listen().host() + ":"
                            + config.listen().port();
                    main.completed();
                    return;
                }
                if (config.probe().enabled()) {
                    prober = new ActiveProber(httpServer.vertx(context), config.probe(), upstreams, peers, probes, peerTls);
                    prober.start();
                }
                try {
                    eventFlow.warmUp(context);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("the stream-event route does not work", e);
                }
                onStarted.accept(upstreams);
            }
        });
    }

    /**
     * Pooled connections per target, for camel-http and the streaming client alike: a worker thread
     * holds at most one (a stream holds it for its length), so as many as workers, and never fewer
     * than 1000.
     */
    static int connectionsPerTarget(ListenConfig listen) {
        return Math.max(1000, listen.workerThreads());
    }
}
