package io.regiongate.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The YAML configuration one runtime of a scenario starts with: its region of the zones
 * {@code eu: [eu-west-1, eu-central-1]} and {@code us: [us-east-1]}, a listen port on 127.0.0.1,
 * the scenario's upstreams, peers, circuit breakers, tenants and Hazelcast cluster. It also
 * collects the environment the upstream keys are read from, as a deployment would. Written by
 * {@link Deployment}, which decides ports, clusters and vendor addresses.
 */
public final class GatewayConfigFile {

    /** The secret of every link between the runtimes of a scenario. */
    public static final String PEER_SECRET = "scenario-link-secret-" + UUID.randomUUID();
    public static final String PEER_SECRET_ENV = "REGIONGATE_PEER_SECRET";

    private final String region;
    private final int port;
    private final int adminPort = FreePorts.next();
    private Long maxRequestBytes;
    private Integer workerThreads;
    private final Map<String, String> listenOptions = new LinkedHashMap<>();
    /** Off unless a scenario turns them on: scripted vendors answer only their chat completions path. */
    private String probe = "{enabled: false}";
    private String telemetry;
    private String quotas;
    private String hazelcast;
    private String auditEndpoint;
    private String auditJournal = "data/audit";
    private Long auditMaxBacklogBytes;
    private final List<String> auditChainOptions = new java.util.ArrayList<>();
    private final List<String> tenants = new ArrayList<>();
    private final List<String> upstreams = new ArrayList<>();
    private final List<java.util.function.Function<String, String>> peers = new ArrayList<>();
    private String peerTls;
    private final Map<String, BreakerSettings> circuitBreakers = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();

    private GatewayConfigFile(String region, int port) {
        this.region = region;
        this.port = port;
    }

    /** The runtime of {@code region} (one of the zones' regions). */
    static GatewayConfigFile forRegion(String region, int port) {
        return new GatewayConfigFile(region, port);
    }

    /** {@code listen.worker-threads}: each open stream holds one. */
    public GatewayConfigFile workerThreads(int threads) {
        this.workerThreads = threads;
        return this;
    }

    /** Any other {@code listen} key, e.g. {@code listenOption("client-stall-timeout", "3s")}. */
    public GatewayConfigFile listenOption(String key, String value) {
        listenOptions.put(key, value);
        return this;
    }

    /** The {@code probe} mapping in YAML flow style, e.g. {@code {interval: 500ms, unhealthy-after: 2}}. */
    public GatewayConfigFile probes(String flowYaml) {
        this.probe = flowYaml;
        return this;
    }

    /** The {@code telemetry} mapping in YAML flow style, e.g. {@code {otlp: {endpoint: ..., region: eu-west-1}}}. */
    public GatewayConfigFile telemetry(String flowYaml) {
        this.telemetry = flowYaml;
        return this;
    }

    public GatewayConfigFile maxRequestBytes(long bytes) {
        this.maxRequestBytes = bytes;
        return this;
    }

    /** The first tenant's {@code quotas} mapping, in YAML flow style, e.g. {@code {requests-per-second: 50}}. */
    public GatewayConfigFile quotas(String flowYaml) {
        this.quotas = flowYaml;
        return this;
    }

    /** The whole {@code hazelcast} mapping, in YAML flow style. */
    public GatewayConfigFile hazelcast(String flowYaml) {
        this.hazelcast = flowYaml;
        return this;
    }

    /** Environment variables the gateway process gets besides the upstream keys. */
    public GatewayConfigFile environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** An audit endpoint: Kafka at {@code bootstrapServers}, declared for {@code endpointRegion}. */
    /** {@code audit.max-backlog-bytes}: the spool's size above which the region reports itself not ready. */
    public GatewayConfigFile auditMaxBacklogBytes(long bytes) {
        auditMaxBacklogBytes = bytes;
        return this;
    }

    public GatewayConfigFile auditKafka(String endpointRegion, String bootstrapServers, String topic) {
        return auditKafka(endpointRegion, bootstrapServers, topic, "");
    }

    /**
     * As {@link #auditKafka(String, String, String)}, with more of the endpoint's keys in flow style,
     * e.g. {@code security-protocol: SSL, trust-store: "ca.pem"}.
     */
    public GatewayConfigFile auditKafka(String endpointRegion, String bootstrapServers, String topic, String security) {
        auditEndpoint = "  endpoints:\n"
                + "    - region: " + endpointRegion + "\n"
                + "      kafka: {bootstrap-servers: \"" + bootstrapServers + "\", topic: " + topic
                + (security.isEmpty() ? "" : ", " + security) + "}\n";
        return this;
    }

    /** One key of the evidence-grade chain under {@code audit:}, e.g. {@code chain-key-env} or {@code checkpoint-every}. */
    public GatewayConfigFile auditChainOption(String key, String value) {
        auditChainOptions.add("  " + key + ": \"" + value + "\"\n");
        return this;
    }

    /** {@code audit.journal}: the audit directory (default {@code data/audit}, under the gateway's working directory). */
    public GatewayConfigFile auditJournal(String directory) {
        auditJournal = directory;
        return this;
    }

    /** A tenant (policy {@code never}) with its {@code audit: {delivery, content}}. */
    public GatewayConfigFile tenant(TestTenant someTenant, String auditDelivery, String auditContent) {
        tenant(someTenant, "never");
        int last = tenants.size() - 1;
        tenants.set(last, tenants.get(last) + "    audit: {delivery: " + auditDelivery + ", content: " + auditContent + "}\n");
        return this;
    }

    /**
     * A tenant with more lines of its own (each written indented under it), e.g.
     * {@code "audit: {content: redacted}"}, {@code "redaction: {profile: gdpr}"}.
     */
    public GatewayConfigFile tenant(TestTenant someTenant, String crossBorder, List<String> lines) {
        tenant(someTenant, crossBorder);
        int last = tenants.size() - 1;
        StringBuilder more = new StringBuilder(tenants.get(last));
        lines.forEach(line -> more.append("    ").append(line).append('\n'));
        tenants.set(last, more.toString());
        return this;
    }

    /** A top-level section written as it is at the end of the file, e.g. {@code redaction:}. */
    public GatewayConfigFile section(String yaml) {
        sections.add(yaml.endsWith("\n") ? yaml : yaml + "\n");
        return this;
    }

    /** A tenant whose content never leaves its home zone. */
    public GatewayConfigFile tenant(TestTenant someTenant) {
        return tenant(someTenant, "never");
    }

    /** A tenant with a cross-border policy: {@code never}, {@code with-consent} or {@code allowed}. */
    public GatewayConfigFile tenant(TestTenant someTenant, String crossBorder) {
        tenants.add("  - id: " + someTenant.id() + "\n"
                + "    api-key-sha256: " + someTenant.apiKeySha256() + "\n"
                + "    home-zone: " + someTenant.homeZone() + "\n"
                + "    cross-border: " + crossBorder + "\n");
        return this;
    }

    /**
     * A tenant (policy {@code never}) with several keys, written as {@code api-keys} lines such as
     * {@code {id: k1, sha256: ..., not-after: 2027-01-31}}; none of them is {@code someTenant}'s own key.
     */
    public GatewayConfigFile tenantWithKeys(TestTenant someTenant, List<String> apiKeys) {
        tenants.add("  - id: " + someTenant.id() + "\n"
                + "    home-zone: " + someTenant.homeZone() + "\n"
                + "    api-keys:\n"
                + apiKeys.stream().map(key -> "      - " + key + "\n").collect(java.util.stream.Collectors.joining()));
        return this;
    }

    /** Any upstream, of this region or another (a runtime only ever calls its own region's). */
    public GatewayConfigFile upstream(Upstream upstream) {
        if (upstream.baseUrl == null) {
            throw new IllegalStateException("upstream " + upstream.id + " has no base URL yet");
        }
        upstreams.add(upstream.yaml());
        if (upstream.keyEnv != null) {
            environment.put(upstream.keyEnv, upstream.key);
        }
        return this;
    }

    /** The gateway's built-in simulated vendor. */
    public GatewayConfigFile simulatedUpstream(String id, List<String> models, Duration chunkInterval, String reply) {
        upstreams.add("  - id: " + id + "\n"
                + "    region: " + region + "\n"
                + "    type: simulated\n"
                + "    models: " + flow(models) + "\n"
                + "    simulator: {chunk-interval: " + chunkInterval.toMillis() + "ms, reply: \"" + reply + "\"}\n");
        return this;
    }

    /**
     * Another region's RegionGate runtime, reached at {@code url} (its base URL, without a path; plain
     * HTTP on 127.0.0.1, so {@code allow-insecure}), the link signed with {@link #PEER_SECRET}, which
     * every scenario's runtimes share and no client of theirs knows.
     */
    public GatewayConfigFile peer(String peerRegion, String url) {
        peers.add(tls -> "  - region: " + peerRegion + "\n"
                + "    url: \"" + url + "\"\n"
                + "    allow-insecure: " + url.startsWith("http://") + "\n"
                + "    secret-env: " + PEER_SECRET_ENV + "\n"
                + "    connect-timeout: 2s\n"
                + (tls == null ? "" : "    tls: " + tls + "\n"));
        environment.putIfAbsent(PEER_SECRET_ENV, PEER_SECRET);
        return this;
    }

    /** {@code peers[].tls} of every peer (a flow mapping), e.g. {@code {trust: ca.pem, keystore: ...}}. */
    public GatewayConfigFile peerTls(String flowYaml) {
        this.peerTls = flowYaml;
        return this;
    }

    /** A named entry of {@code circuit-breakers}; {@code default} is the one every other inherits. */
    public GatewayConfigFile circuitBreaker(String name, BreakerSettings settings) {
        circuitBreakers.put(name, settings);
        return this;
    }

    /** The admin listener's port, free when the file was made. */
    public int adminPort() {
        return adminPort;
    }

    public String region() {
        return region;
    }

    public int port() {
        return port;
    }

    /** Environment variables the gateway process needs (the upstream keys). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public String yaml() {
        if (tenants.isEmpty()) {
            throw new IllegalStateException("a scenario's gateway needs a tenant");
        }
        StringBuilder yaml = new StringBuilder()
                .append("region: ").append(region).append('\n')
                .append("listen: {host: 127.0.0.1, port: ").append(port);
        if (maxRequestBytes != null) {
            yaml.append(", max-request-bytes: ").append(maxRequestBytes);
        }
        if (workerThreads != null) {
            yaml.append(", worker-threads: ").append(workerThreads);
        }
        listenOptions.forEach((key, value) -> yaml.append(", ").append(key).append(": ").append(value));
        yaml.append("}\n")
                .append("zones:\n")
                .append("  eu: [eu-west-1, eu-central-1]\n")
                .append("  us: [us-east-1]\n")
                .append("upstreams:\n");
        upstreams.forEach(yaml::append);
        if (!peers.isEmpty()) {
            yaml.append("peers:\n");
            peers.forEach(peer -> yaml.append(peer.apply(peerTls)));
        }
        if (!circuitBreakers.isEmpty()) {
            yaml.append("circuit-breakers:\n");
            circuitBreakers.forEach((name, settings) -> yaml.append("  ").append(name).append(": ")
                    .append(settings.yaml()).append('\n'));
        }
        yaml.append("tenants:\n");
        for (int i = 0; i < tenants.size(); i++) {
            yaml.append(tenants.get(i));
            if (i == 0 && quotas != null) {
                yaml.append("    quotas: ").append(quotas).append('\n');
            }
        }
        yaml.append("admin: {listen: {host: 127.0.0.1, port: ").append(adminPort).append("}}\n");
        yaml.append("probe: ").append(probe).append('\n');
        if (telemetry != null) {
            yaml.append("telemetry: ").append(telemetry).append('\n');
        }
        if (hazelcast == null) {
            throw new IllegalStateException("a scenario's gateway needs its hazelcast section");
        }
        yaml.append("hazelcast: ").append(hazelcast).append('\n')
                .append("audit:\n");
        if (auditEndpoint != null) {
            yaml.append(auditEndpoint);
        }
        yaml.append("  journal: \"").append(auditJournal).append("\"\n");
        if (auditMaxBacklogBytes != null) {
            yaml.append("  max-backlog-bytes: ").append(auditMaxBacklogBytes).append('\n');
        }
        auditChainOptions.forEach(yaml::append);
        sections.forEach(yaml::append);
        return yaml.toString();
    }

    private static String flow(List<String> values) {
        return "[" + String.join(", ", values) + "]";
    }

    /**
     * One entry of {@code upstreams}: an OpenAI-compatible vendor endpoint with its own key (by
     * default in {@code <ID>_KEY}, a fresh random value). Declared without a base URL, it is
     * served by the stand-in vendor the {@link Deployment} gives it.
     */
    public static final class Upstream {

        private final String id;
        private final String region;
        private String baseUrl;
        private String keyEnv;
        private String key;
        private List<String> models = List.of("gpt-4o");
        private Integer priority;
        private String circuitBreaker;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration responseTimeout;
        private String probePath;
        private String azureApiVersion;
        private boolean http2;
        private final Map<String, String> deployments = new LinkedHashMap<>();

        private Upstream(String id, String region, String baseUrl) {
            this.id = id;
            this.region = region;
            this.baseUrl = baseUrl;
            this.keyEnv = id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KEY";
            this.key = "sk-" + id + "-" + UUID.randomUUID();
        }

        /** An upstream whose vendor the deployment stands in. */
        public static Upstream openAi(String id, String region) {
            return new Upstream(id, region, null);
        }

        /** An upstream served at {@code baseUrl} by a vendor the scenario runs itself. */
        public static Upstream servedAt(String id, String region, String baseUrl) {
            return new Upstream(id, region, baseUrl);
        }

        /** An upstream at an address where nothing listens: every connection is refused. */
        public static Upstream unreachable(String id, String region) {
            return new Upstream(id, region, "http://127.0.0.1:" + FreePorts.next() + "/v1");
        }

        /** Where the deployment's stand-in vendor serves it. */
        Upstream at(String vendorBaseUrl) {
            this.baseUrl = vendorBaseUrl;
            return this;
        }

        boolean hasBaseUrl() {
            return baseUrl != null;
        }

        /** {@code type: azure-openai} with this {@code api-version}. */
        public Upstream azure(String apiVersion) {
            this.azureApiVersion = apiVersion;
            return this;
        }

        /** Maps a logical model of {@link #models} to what the endpoint calls it. */
        public Upstream deployment(String model, String deployment) {
            deployments.put(model, deployment);
            return this;
        }

        public Upstream key(String env, String value) {
            this.keyEnv = env;
            this.key = value;
            return this;
        }

        public Upstream models(List<String> served) {
            this.models = List.copyOf(served);
            return this;
        }

        public Upstream models(String... served) {
            return models(List.of(served));
        }

        /** Lower is tried first. */
        public Upstream priority(int value) {
            this.priority = value;
            return this;
        }

        public Upstream circuitBreaker(String name) {
            this.circuitBreaker = name;
            return this;
        }

        public Upstream connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Upstream responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        /** Streamed calls go over HTTP/2 ({@code http2: true}). */
        public Upstream http2() {
            this.http2 = true;
            return this;
        }

        /** Where active probes ask, below the base URL (default {@code /models}). */
        public Upstream probePath(String path) {
            this.probePath = path;
            return this;
        }

        public String id() {
            return id;
        }

        public String region() {
            return region;
        }

        /** The key the gateway sends this upstream as {@code Authorization: Bearer <key>}. */
        public String key() {
            return key;
        }

        private String modelsYaml() {
            if (deployments.isEmpty()) {
                return flow(models);
            }
            return "{" + models.stream().map(model -> model + ": {deployment: "
                    + deployments.getOrDefault(model, model) + "}").collect(java.util.stream.Collectors.joining(", ")) + "}";
        }

        String yaml() {
            StringBuilder yaml = new StringBuilder()
                    .append("  - id: ").append(id).append('\n')
                    .append("    region: ").append(region).append('\n')
                    .append("    type: ").append(azureApiVersion == null ? "openai" : "azure-openai").append('\n')
                    .append("    base-url: \"").append(baseUrl).append("\"\n")
                    .append("    models: ").append(modelsYaml()).append('\n')
                    .append("    connect-timeout: ").append(connectTimeout.toMillis()).append("ms\n");
            if (keyEnv != null) {
                yaml.append("    api-key-env: ").append(keyEnv).append('\n');
            }
            if (azureApiVersion != null) {
                yaml.append("    api-version: \"").append(azureApiVersion).append("\"\n");
            }
            if (priority != null) {
                yaml.append("    priority: ").append(priority).append('\n');
            }
            if (probePath != null) {
                yaml.append("    probe-path: ").append(probePath).append('\n');
            }
            if (circuitBreaker != null) {
                yaml.append("    circuit-breaker: ").append(circuitBreaker).append('\n');
            }
            if (responseTimeout != null) {
                yaml.append("    response-timeout: ").append(responseTimeout.toMillis()).append("ms\n");
            }
            if (http2) {
                yaml.append("    http2: true\n");
            }
            return yaml.toString();
        }
    }

    /**
     * A named circuit breaker's settings; a null value is left out, so the setting is inherited
     * (from {@code default}, then from the built-in values).
     */
    public record BreakerSettings(Integer failureRateThreshold, Integer minimumCalls, Duration waitInOpen,
                                  Integer halfOpenCalls, Duration slowCallDuration) {

        /** A breaker that practically never opens: failover and cooldowns are measured alone. */
        public static BreakerSettings lenient() {
            return new BreakerSettings(100, 1000, Duration.ofSeconds(60), 1, Duration.ofSeconds(60));
        }

        String yaml() {
            List<String> entries = new ArrayList<>();
            if (failureRateThreshold != null) {
                entries.add("failure-rate-threshold: " + failureRateThreshold);
            }
            if (minimumCalls != null) {
                entries.add("minimum-calls: " + minimumCalls);
            }
            if (waitInOpen != null) {
                entries.add("wait-in-open: " + waitInOpen.toMillis() + "ms");
            }
            if (halfOpenCalls != null) {
                entries.add("half-open-calls: " + halfOpenCalls);
            }
            if (slowCallDuration != null) {
                entries.add("slow-call-duration: " + slowCallDuration.toMillis() + "ms");
            }
            return "{" + String.join(", ", entries) + "}";
        }
    }
}
