package io.regiongate.e2e.support;

import static org.citrusframework.actions.ReceiveTimeoutAction.Builder.expectTimeout;

import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.citrusframework.actions.ReceiveTimeoutAction;
import org.citrusframework.endpoint.Endpoint;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.kafka.endpoint.KafkaEndpoint;
import org.citrusframework.kafka.endpoint.KafkaEndpointBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one scenario deploys, described in a few declarative lines and started and stopped around
 * it: RegionGate runtimes as deployed ({@link GatewayProcess}), one region or two that name each
 * other as peers, with the scenario's tenants, circuit breakers and upstreams, and everything they
 * need: stand-in vendors, a KRaft broker per region for the audit trail, a hop in front of a
 * runtime, a Hazelcast cluster per runtime, a scripted stand-in for a peer region's runtime.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Deployment deployment = Deployment.twoRegions("cross-region-failover")
 *         .tenant(GLOBEX_US, "allowed")
 *         .circuitBreaker("default", BreakerSettings.lenient())
 *         .upstream(Upstream.openAi(US_PRIMARY, US), VendorReplies.fails(500))   // a scripted vendor
 *         .citrusUpstream(Upstream.openAi(EU_PRIMARY, EU));                       // a Citrus HttpServer
 * }</pre>
 *
 * <p>Registered in a static field it starts before the class's first scenario and stops after its
 * last; in an instance field, around each scenario. Ports, vendor addresses and cluster names are
 * chosen when the deployment is described, so that Citrus endpoints can be built before it starts.
 * It starts in dependency order (dependencies and brokers, vendors and hops, then every runtime in
 * parallel, each awaited until {@code /health/ready} answers 200), and stops everything it started
 * in the reverse order, also when starting failed half-way.
 *
 * <p>The stand-in vendors come in two kinds, one per purpose:
 * <ul>
 * <li>a <b>Citrus {@code HttpServer}</b> ({@link #citrusUpstream}, {@link #server}) for a vendor the
 * scenario converses with: it receives each request, validates what crossed the wire (body,
 * headers, or that nothing came) and sends the answer;</li>
 * <li>a <b>{@link ScriptedUpstream} endpoint</b> ({@link #upstream(Upstream, HttpHandler)},
 * {@link #vendor}) for a vendor that behaves on its own in the background: fails, streams at a
 * pace, hangs, breaks off, answers over TLS; its behaviour can be switched while the runtimes run,
 * and it is judged by how many calls it got and when ({@link #calls}).</li>
 * </ul>
 */
public final class Deployment implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {

    public static final String EU = "eu-west-1";
    public static final String US = "us-east-1";
    /**
     * How long a scenario waits to see that nothing arrives where nothing should: anything the
     * runtime sent while serving a request is there before the client has its answer.
     */
    public static final Duration QUIET = Duration.ofMillis(500);
    /**
     * How long a runtime waits for one quota counter update. The built-in 500 ms is too short for
     * the shared 2-core build machines under load (other builds' scenarios and benchmarks beside
     * these): there a scenario's requests were refused 503 because the counters answered late, which
     * no scenario here is about. QuotaClusterUnavailableIT, which is, sets its own.
     */
    private static final Duration QUOTA_UPDATE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Map<String, RuntimeDescription> runtimes = new LinkedHashMap<>();
    private final List<Consumer<GatewayConfigFile>> shared = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();
    private final StandInVendors vendors = new StandInVendors();
    private final Map<String, PeerHop> hops = new LinkedHashMap<>();
    private final Map<String, KraftBroker> brokers = new LinkedHashMap<>();
    private final Map<String, KafkaEndpoint> auditTopics = new LinkedHashMap<>();
    private final List<Supplier<? extends AutoCloseable>> dependencies = new ArrayList<>();
    private final List<ReadyCondition> readyConditions = new ArrayList<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** The JVM options that make the runtimes trust the TLS vendors, once those run. */
    private List<String> vendorTrust = List.of();
    private boolean peered;
    private boolean peersOverTls;
    private boolean classScoped;
    private boolean running;

    /** A Hazelcast cluster of runtimes: its name and the member port of one runtime. */
    public record Cluster(String name, int memberPort) {

        /** {@code 127.0.0.1:<memberPort>}. */
        public String member() {
            return "127.0.0.1:" + memberPort;
        }
    }

    private static final class RuntimeDescription {
        private final String key;
        private final String region;
        private final int port = FreePorts.next();
        private final List<Consumer<GatewayConfigFile>> parts = new ArrayList<>();
        private Cluster cluster;
        private boolean embeddedDefault;
        private GatewayConfigFile config;
        private GatewayProcess process;
        /** The host's own routes, when the runtime is RegionGate added to a host Camel context ({@link CamelHost}). */
        private RoutesBuilder hostRoutes;
        private CamelHost host;
        /** The jar of a host application to start instead of the standalone runtime, and its environment. */
        private Path hostJar;
        private Map<String, String> hostEnvironment = Map.of();

        private RuntimeDescription(String key, String region) {
            this.key = key;
            this.region = region;
            this.cluster = new Cluster(uniqueClusterName(region), FreePorts.next());
        }
    }

    private record ReadyCondition(Duration within, Predicate<Deployment> holds, Function<Deployment, String> problem) {
    }

    private Deployment(String name) {
        this.name = name;
    }

    // ---- shapes

    /** One runtime in {@value #EU}; its working directory is {@code target/e2e/<name>/}. */
    public static Deployment oneRegion(String name) {
        return named(name).runtime(EU, EU);
    }

    /**
     * A runtime in {@value #EU} and one in {@value #US}, each naming the other as its peer; their
     * working directories are {@code target/e2e/<name>-<region>/}.
     */
    public static Deployment twoRegions(String name) {
        Deployment deployment = named(name).runtime(EU, EU).runtime(US, US);
        deployment.peered = true;
        return deployment;
    }

    /** The jar started with no configuration at all, as the README's first command does. */
    public static Deployment embeddedDefault(String name) {
        Deployment deployment = oneRegion(name);
        deployment.runtimes.get(EU).embeddedDefault = true;
        return deployment;
    }

    /**
     * One region ({@value #EU}) served not by the standalone runtime but by RegionGate added as a
     * library to a host Camel context in the test JVM ({@link CamelHost}), beside the host's own
     * {@code hostRoutes}; reached with {@link #host()}. Its working directory is {@code target/e2e/<name>/}.
     */
    public static Deployment camelHost(String name, RoutesBuilder hostRoutes) {
        Deployment deployment = oneRegion(name);
        deployment.runtimes.get(EU).hostRoutes = hostRoutes;
        return deployment;
    }

    /**
     * One region ({@value #EU}) served by a host application's jar (a Camel Main of an integration
     * estate with RegionGate as a library, e.g. the example host) started as its own process with
     * {@code environment}; reached with {@link #gateway()} like the standalone runtime.
     */
    public static Deployment hostApplication(String name, Path jar, Map<String, String> environment) {
        Deployment deployment = oneRegion(name);
        deployment.runtimes.get(EU).hostJar = jar;
        deployment.runtimes.get(EU).hostEnvironment = Map.copyOf(environment);
        return deployment;
    }

    /** Runtimes declared one by one with {@link #runtime}. */
    public static Deployment named(String name) {
        return new Deployment(name);
    }

    /**
     * A runtime of {@code region}, known by {@code key}; with more than one runtime, its working
     * directory is {@code target/e2e/<name>-<key>/}.
     */
    public Deployment runtime(String key, String region) {
        runtimes.put(key, new RuntimeDescription(key, region));
        return this;
    }

    // ---- what every runtime's configuration holds

    /** A tenant whose content never leaves its home zone. */
    public Deployment tenant(TestTenant tenant) {
        return configure(config -> config.tenant(tenant));
    }

    /** A tenant with a cross-border policy: {@code never}, {@code with-consent} or {@code allowed}. */
    public Deployment tenant(TestTenant tenant, String crossBorder) {
        return configure(config -> config.tenant(tenant, crossBorder));
    }

    /** A tenant (policy {@code never}) with its {@code audit: {delivery, content}}. */
    public Deployment tenant(TestTenant tenant, String auditDelivery, String auditContent) {
        return configure(config -> config.tenant(tenant, auditDelivery, auditContent));
    }

    /** The first tenant's {@code quotas}, in YAML flow style, e.g. {@code {requests-per-second: 50}}. */
    public Deployment quotas(String flowYaml) {
        return configure(config -> config.quotas(flowYaml));
    }

    public Deployment circuitBreaker(String breakerName, BreakerSettings settings) {
        return configure(config -> config.circuitBreaker(breakerName, settings));
    }

    /** An upstream at the address it was declared with (e.g. {@link Upstream#unreachable}). */
    public Deployment upstream(Upstream upstream) {
        if (!upstream.hasBaseUrl()) {
            throw new IllegalArgumentException("upstream " + upstream.id() + " needs a vendor or an address");
        }
        return declare(upstream);
    }

    /**
     * An upstream served by a scripted vendor endpoint that starts with {@code behaviour}; switch
     * it with {@code vendor(id).become(...)} while the runtimes run.
     */
    public Deployment upstream(Upstream upstream, HttpHandler behaviour) {
        vendors.scripted(upstream, behaviour);
        return declare(upstream);
    }

    /** An upstream served by a Citrus {@code HttpServer} of its own, {@link #server}{@code (id)}. */
    public Deployment citrusUpstream(Upstream upstream) {
        vendors.citrus(upstream);
        return declare(upstream);
    }

    /**
     * An upstream served over HTTPS by a scripted vendor of its own, whose self-signed certificate
     * names {@code subjectAlternativeNames} (keytool's syntax, e.g. {@code ip:127.0.0.1}); the
     * runtimes trust it ({@code javax.net.ssl.trustStore}) when {@code trusted}.
     */
    public Deployment tlsUpstream(Upstream upstream, HttpHandler behaviour, String subjectAlternativeNames,
                                  boolean trusted) {
        vendors.tls(upstream, behaviour, subjectAlternativeNames, trusted);
        return declare(upstream);
    }

    /** The gateway's built-in simulated vendor, as {@code <region>-sim} in each runtime's region. */
    public Deployment simulatedUpstream(List<String> models, Duration chunkInterval, String reply) {
        return configure(config -> config.simulatedUpstream(config.region() + "-sim", models, chunkInterval, reply));
    }

    /**
     * Audit records to Kafka: each region of the runtimes declared so far gets a KRaft broker of
     * its own and its topic {@code regiongate.audit.<region>} ({@link #auditTopic}).
     */
    public Deployment auditToKafka() {
        for (RuntimeDescription runtime : runtimes.values()) {
            brokers.computeIfAbsent(runtime.region, region -> KraftBroker.at(GatewayProcess.directory(
                    runtimes.size() == 1 ? name + "-kafka" : name + "-kafka-" + region)));
        }
        return configure(config -> config.auditKafka(config.region(), broker(config.region()).bootstrapServers(),
                auditTopicName(config.region())));
    }

    /** An environment variable of every runtime. */
    public Deployment environment(String variable, String value) {
        return configure(config -> config.environment(variable, value));
    }

    /** Enables {@code /admin/usage/{tenant}} with this token ({@value AdminUsage#ADMIN_TOKEN_ENV}). */
    public Deployment adminToken(String token) {
        return environment(AdminUsage.ADMIN_TOKEN_ENV, token);
    }

    public Deployment maxRequestBytes(long bytes) {
        return configure(config -> config.maxRequestBytes(bytes));
    }

    /** {@code listen.worker-threads}: each open stream holds one. */
    public Deployment workerThreads(int threads) {
        return configure(config -> config.workerThreads(threads));
    }

    /** Every runtime an embedded member of one cluster (by default each runtime has a cluster of its own). */
    public Deployment sharedCluster() {
        String shared = runtimes.values().iterator().next().cluster.name();
        runtimes.values().forEach(runtime -> runtime.cluster = new Cluster(shared, runtime.cluster.memberPort()));
        return this;
    }

    /**
     * A Citrus hop in front of {@code region}'s runtime ({@link #hop}): the other runtimes reach
     * it there as their peer.
     */
    public Deployment peerHop(String region) {
        hops.put(region, PeerHop.inFrontOf(region, baseUrl(region)));
        return this;
    }

    /**
     * A peer region's runtime stood in by a scripted endpoint known as {@code id}, which every
     * runtime names as its peer in {@code region}: it answers their forwards as {@code behaviour}
     * does, switched with {@code vendor(id).become(...)}, and counts them ({@link #calls(String)}).
     */
    public Deployment scriptedPeer(String region, String id, HttpHandler behaviour) {
        vendors.scriptedPeer(id, behaviour);
        return configure(config -> config.peer(region, vendors.peerUrl(id)));
    }

    /**
     * The runtimes name each other as peers by {@code https://127.0.0.1:<port>} (their listeners speak
     * TLS: {@code listen.tls}, with {@code peers[].tls} for mutual TLS, configured by the scenario).
     */
    public Deployment peersOverTls() {
        peersOverTls = true;
        return this;
    }

    /**
     * Runtime {@code from} names runtime {@code to} as its peer in {@code to}'s region (for runtimes
     * declared one by one; {@link #twoRegions} peers its two itself), in the order declared, over
     * {@code https://} after {@link #peersOverTls()}.
     */
    public Deployment peering(String from, String to) {
        RuntimeDescription target = runtime(to);
        return only(from, config -> config.peer(target.region, peersOverTls ? "https://127.0.0.1:" + target.port
                : "http://127.0.0.1:" + target.port));
    }

    /** A part of only the runtime {@code key}'s configuration, e.g. its own Hazelcast section. */
    public Deployment only(String key, Consumer<GatewayConfigFile> part) {
        runtime(key).parts.add(part);
        return this;
    }

    /** A part of every runtime's configuration. */
    public Deployment configure(Consumer<GatewayConfigFile> part) {
        shared.add(part);
        return this;
    }

    /** JVM options of every runtime. */
    public Deployment jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /**
     * Something the runtimes need running before they start (e.g. a Hazelcast member of their
     * cluster); started first, in the order declared, and closed last.
     */
    public Deployment dependency(Supplier<? extends AutoCloseable> start) {
        dependencies.add(start);
        return this;
    }

    /** A condition the deployment must reach after every runtime is ready, before a scenario runs. */
    public Deployment readyWhen(Duration within, Predicate<Deployment> holds, Function<Deployment, String> problem) {
        readyConditions.add(new ReadyCondition(within, holds, problem));
        return this;
    }

    private Deployment declare(Upstream upstream) {
        upstreams.put(upstream.id(), upstream);
        return configure(config -> config.upstream(upstream));
    }

    // ---- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!classScoped) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!classScoped) {
            close();
        }
    }

    /**
     * Starts everything and returns once every runtime is ready; stops what it started and
     * rethrows when any part fails to start.
     */
    public synchronized Deployment start() {
        if (running) {
            return this;
        }
        running = true;
        try {
            dependencies.forEach(dependency -> started(dependency.get()));
            inParallel(brokers.values(), broker -> started(broker).start());
            onClose(() -> auditTopics.values().forEach(KafkaEndpoint::destroy));
            vendorTrust = vendors.start(this::onClose, directory(runtimes.values().iterator().next()).resolve("certificates"));
            hops.values().forEach(hop -> {
                hop.start();
                started(hop);
            });
            for (RuntimeDescription runtime : runtimes.values()) {
                runtime.config = configuration(runtime);
                clearAuditDirectory(directory(runtime));
            }
            inParallel(runtimes.values(), this::launch);
            for (ReadyCondition condition : readyConditions) {
                Poll.require(condition.within(), () -> condition.holds().test(this), () -> condition.problem().apply(this));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        return this;
    }

    private GatewayConfigFile configuration(RuntimeDescription runtime) {
        String members = runtimes.values().stream()
                .filter(other -> other.cluster.name().equals(runtime.cluster.name()))
                .map(other -> "\"" + other.cluster.member() + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        GatewayConfigFile config = GatewayConfigFile.forRegion(runtime.region, runtime.port)
                .hazelcast("{mode: embedded, port: " + runtime.cluster.memberPort() + ", members: " + members
                        + ", cluster-name: " + runtime.cluster.name()
                        + ", timeout: " + QUOTA_UPDATE_TIMEOUT.toMillis() + "ms}");
        shared.forEach(part -> part.accept(config));
        runtime.parts.forEach(part -> part.accept(config));
        if (peered) {
            for (RuntimeDescription other : runtimes.values()) {
                if (!other.region.equals(runtime.region)) {
                    PeerHop hop = hops.get(other.region);
                    config.peer(other.region, hop != null ? hop.url()
                            : peersOverTls ? "https://127.0.0.1:" + other.port : baseUrl(other.key));
                }
            }
        }
        return config;
    }

    private void launch(RuntimeDescription runtime) {
        if (runtime.hostRoutes != null) {
            runtime.host = started(CamelHost.start(directory(runtime), runtime.config, runtime.hostRoutes));
            return;
        }
        if (runtime.hostJar != null) {
            runtime.process = started(GatewayProcess.startHostApplication(directoryName(runtime), runtime.hostJar,
                    runtime.config, runtime.hostEnvironment));
            return;
        }
        GatewayProcess process = runtime.embeddedDefault
                ? GatewayProcess.startEmbeddedDefault(directoryName(runtime), runtime.port)
                : GatewayProcess.start(directoryName(runtime), runtime.config,
                        Stream.concat(jvmOptions.stream(), vendorTrust.stream()).toList());
        runtime.process = started(process);
    }

    /**
     * Starts {@code key}'s runtime again (after {@link GatewayProcess#kill()} or {@code close()}) with
     * the same configuration and working directory, its journal and spool as they were left.
     */
    public GatewayProcess restart(String key) {
        RuntimeDescription runtime = runtime(key);
        runtime.process.close();
        launch(runtime);
        return runtime.process;
    }

    /** {@link #restart(String)} of the only runtime. */
    public GatewayProcess restart() {
        return restart(only().key);
    }

    /** Stops everything that was started, in the reverse order; the first failure is rethrown at the end. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (true) {
            AutoCloseable next;
            synchronized (started) {
                next = started.pollLast();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping " + name + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        running = false;
        if (failure != null) {
            throw failure;
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        onClose(part);
        return part;
    }

    private void onClose(AutoCloseable stop) {
        synchronized (started) {
            started.addLast(stop);
        }
    }

    /** {@code <name>} for the only runtime, {@code <name>-<key>} for each of several. */
    private String directoryName(RuntimeDescription runtime) {
        return runtimes.size() == 1 ? name : name + "-" + runtime.key;
    }

    private Path directory(RuntimeDescription runtime) {
        return GatewayProcess.directory(directoryName(runtime));
    }

    /** Starts every part on a thread of its own and returns when all are started; rethrows the first failure. */
    private static <T> void inParallel(Iterable<T> parts, Consumer<T> start) {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            parts.forEach(part -> starting.add(CompletableFuture.runAsync(() -> start.accept(part), threads)));
            RuntimeException failure = null;
            for (CompletableFuture<Void> each : starting) {
                try {
                    each.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtimeCause ? runtimeCause : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            threads.shutdown();
        }
    }

    private static void clearAuditDirectory(Path runtimeDirectory) {
        Path audit = runtimeDirectory.resolve("data/audit");
        if (!Files.isDirectory(audit)) {
            return;
        }
        // the embedded default keeps its trail one level down, in data/audit/<region>
        try (var files = Files.walk(audit)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(audit)).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + audit, e);
        }
    }

    // ---- what a scenario reaches

    /** The host Camel application of a {@link #camelHost} deployment. */
    public CamelHost host() {
        CamelHost host = only().host;
        if (host == null) {
            throw new IllegalStateException(name + " has no started host Camel context; declare it with camelHost()");
        }
        return host;
    }

    /** The only runtime of a one-region deployment. */
    public GatewayProcess gateway() {
        return gateway(only().key);
    }

    public GatewayProcess gateway(String key) {
        GatewayProcess process = runtime(key).process;
        if (process == null) {
            throw new IllegalStateException("the runtime " + key + " of " + name + " is not started");
        }
        return process;
    }

    public GatewayProcess eu() {
        return gateway(EU);
    }

    public GatewayProcess us() {
        return gateway(US);
    }

    /** {@code http://127.0.0.1:<port>} of runtime {@code key}, known before it starts. */
    public String baseUrl(String key) {
        return "http://127.0.0.1:" + runtime(key).port;
    }

    public URI uri(String key, String path) {
        return URI.create(baseUrl(key) + path);
    }

    /** {@link #uri(String, String)} of the only runtime. */
    public URI uri(String path) {
        return uri(only().key, path);
    }

    /** A Citrus client of runtime {@code key} that sends each request exactly once ({@link GatewayClients}). */
    public HttpClient client(String key) {
        return GatewayClients.citrus("gatewayClient-" + key, baseUrl(key));
    }

    /** {@link #client(String)} of the only runtime. */
    public HttpClient client() {
        return client(only().key);
    }

    /** The scripted vendor endpoint of upstream (or peer) {@code id}, to switch its behaviour. */
    public SwitchableBehaviour vendor(String id) {
        return vendors.behaviour(id);
    }

    /** How many calls the scripted (or TLS) vendor endpoint of upstream (or peer) {@code id} received. */
    public int calls(String id) {
        return vendors.calls(id);
    }

    /** How many calls all scripted vendor endpoints received together. */
    public int calls() {
        return vendors.calls();
    }

    /** The calls the scripted vendor endpoint of upstream {@code id} received, in order, with their times. */
    public List<ScriptedUpstream.ReceivedRequest> received(String id) {
        return vendors.received(id);
    }

    /** The Citrus {@code HttpServer} that stands in for upstream {@code id}'s vendor. */
    public HttpServer server(String id) {
        return vendors.server(id);
    }

    /** Upstream {@code id} as declared: its key, its region. */
    public Upstream upstream(String id) {
        return upstreams.get(id);
    }

    /** The Citrus hop in front of {@code region}'s runtime. */
    public PeerHop hop(String region) {
        return hops.get(region);
    }

    /** The KRaft broker of {@code region}'s audit trail. */
    public KraftBroker broker(String region) {
        KraftBroker broker = brokers.get(region);
        if (broker == null) {
            throw new IllegalArgumentException("no audit broker in " + region + "; declare auditToKafka()");
        }
        return broker;
    }

    /** The audit broker of the only runtime's region. */
    public KraftBroker broker() {
        return broker(only().region);
    }

    /** {@code regiongate.audit.<region>}. */
    public static String auditTopicName(String region) {
        return "regiongate.audit." + region;
    }

    /**
     * A Citrus Kafka endpoint on {@code region}'s audit topic: it receives the records one after
     * another, from the topic's start, in a consumer group of its own.
     */
    public synchronized KafkaEndpoint auditTopic(String region) {
        return auditTopics.computeIfAbsent(region, key -> new KafkaEndpointBuilder()
                .server(broker(region).bootstrapServers())
                .topic(auditTopicName(region))
                .consumerGroup(name + "-" + region + "-" + UUID.randomUUID())
                .offsetReset("earliest")
                .timeout(30_000L)
                .build());
    }

    /** {@link #auditTopic(String)} of the only runtime's region. */
    public KafkaEndpoint auditTopic() {
        return auditTopic(only().region);
    }

    /** The Hazelcast cluster runtime {@code key} is a member of. */
    public Cluster cluster(String key) {
        return runtime(key).cluster;
    }

    /** The audit journal runtime {@code key} writes when no Kafka is configured. */
    public Path journal(String key) {
        return directory(runtime(key)).resolve("data/audit/journal.jsonl");
    }

    /** {@link #journal(String)} of the only runtime. */
    public Path journal() {
        return journal(only().key);
    }

    /** Expects that nothing arrives at {@code endpoint} (a vendor's Citrus server) within {@link #QUIET}. */
    public static ReceiveTimeoutAction.Builder receivesNothing(Endpoint endpoint) {
        return expectTimeout(endpoint).timeout(QUIET.toMillis());
    }

    /** {@code regiongate-<region>.e2e<random>}: a cluster of that region no other test run shares. */
    public static String uniqueClusterName(String region) {
        return "regiongate-" + region + ".e2e" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RuntimeDescription runtime(String key) {
        RuntimeDescription runtime = runtimes.get(key);
        if (runtime == null) {
            throw new IllegalArgumentException(name + " has no runtime " + key + "; it has " + runtimes.keySet());
        }
        return runtime;
    }

    private RuntimeDescription only() {
        if (runtimes.size() != 1) {
            throw new IllegalStateException(name + " has " + runtimes.size() + " runtimes; name the one meant");
        }
        return runtimes.values().iterator().next();
    }
}
