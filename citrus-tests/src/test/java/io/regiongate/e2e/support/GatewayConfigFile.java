package io.regiongate.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML configuration one scenario starts the gateway with: one region ({@value #REGION} unless
 * {@link #region} says otherwise), a listen port on 127.0.0.1, the scenario's upstreams and one
 * tenant. It also collects the environment the upstream keys are read from, as a deployment would.
 *
 * <p>Quota counters: by default an embedded Hazelcast member on a free port, in a cluster of its
 * own ({@code regiongate-<region>.<random label>}), so that concurrent test runs never meet.
 * {@link #hazelcast} replaces that with a scenario's own section.
 */
public final class GatewayConfigFile {

    public static final String REGION = "eu-west-1";

    private final int port;
    private String region = REGION;
    private String quotas;
    private String hazelcast;
    private Long maxRequestBytes;
    private TestTenant tenant;
    private final List<String> tenantAudits = new ArrayList<>();
    private final List<TestTenant> moreTenants = new ArrayList<>();
    private String auditEndpoint;
    private final List<String> upstreams = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private GatewayConfigFile(int port) {
        this.port = port;
    }

    public static GatewayConfigFile listeningOn(int port) {
        return new GatewayConfigFile(port);
    }

    public GatewayConfigFile maxRequestBytes(long bytes) {
        this.maxRequestBytes = bytes;
        return this;
    }

    /** The region this runtime serves (its upstreams are declared in it). */
    public GatewayConfigFile region(String someRegion) {
        this.region = someRegion;
        return this;
    }

    /** The tenant's {@code quotas} mapping, in YAML flow style, e.g. {@code {requests-per-second: 50}}. */
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

    public String region() {
        return region;
    }

    public GatewayConfigFile tenant(TestTenant someTenant) {
        this.tenant = someTenant;
        return this;
    }

    /** The tenant, with its {@code audit: {delivery, content}}. */
    public GatewayConfigFile tenant(TestTenant someTenant, String auditDelivery, String auditContent) {
        if (tenant == null) {
            tenant = someTenant;
            tenantAudits.add(0, audit(auditDelivery, auditContent));
        } else {
            moreTenants.add(someTenant);
            tenantAudits.add(audit(auditDelivery, auditContent));
        }
        return this;
    }

    private static String audit(String delivery, String content) {
        return "    audit: {delivery: " + delivery + ", content: " + content + "}\n";
    }

    /** An audit endpoint: Kafka at {@code bootstrapServers}, declared for {@code region}. */
    public GatewayConfigFile auditKafka(String region, String bootstrapServers, String topic) {
        auditEndpoint = "  endpoints:\n"
                + "    - region: " + region + "\n"
                + "      kafka: {bootstrap-servers: \"" + bootstrapServers + "\", topic: " + topic + "}\n";
        return this;
    }

    /** An OpenAI-compatible upstream in this region whose key sits in {@code keyEnv}. */
    public GatewayConfigFile openAiUpstream(String id, String baseUrl, String keyEnv, String key, List<String> models) {
        return openAiUpstream(id, baseUrl, keyEnv, key, models, null);
    }

    public GatewayConfigFile openAiUpstream(String id, String baseUrl, String keyEnv, String key, List<String> models,
                                        Duration responseTimeout) {
        StringBuilder yaml = new StringBuilder()
                .append("  - id: ").append(id).append('\n')
                .append("    region: ").append(region).append('\n')
                .append("    type: openai\n")
                .append("    base-url: \"").append(baseUrl).append("\"\n")
                .append("    api-key-env: ").append(keyEnv).append('\n')
                .append("    models: ").append(flow(models)).append('\n')
                .append("    connect-timeout: 2s\n");
        if (responseTimeout != null) {
            yaml.append("    response-timeout: ").append(responseTimeout.toMillis()).append("ms\n");
        }
        upstreams.add(yaml.toString());
        environment.put(keyEnv, key);
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

    public int port() {
        return port;
    }

    /** Environment variables the gateway process needs (the upstream keys). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public String yaml() {
        if (tenant == null) {
            throw new IllegalStateException("a scenario's gateway needs a tenant");
        }
        StringBuilder yaml = new StringBuilder()
                .append("region: ").append(region).append('\n')
                .append("listen: {host: 127.0.0.1, port: ").append(port);
        if (maxRequestBytes != null) {
            yaml.append(", max-request-bytes: ").append(maxRequestBytes);
        }
        yaml.append("}\n")
                .append("zones:\n")
                .append("  eu: [eu-west-1, eu-central-1]\n")
                .append("  us: [us-east-1]\n")
                .append("upstreams:\n");
        upstreams.forEach(yaml::append);
        yaml.append("tenants:\n");
        List<TestTenant> all = new ArrayList<>();
        all.add(tenant);
        all.addAll(moreTenants);
        for (int i = 0; i < all.size(); i++) {
            TestTenant each = all.get(i);
            yaml.append("  - id: ").append(each.id()).append('\n')
                    .append("    api-key-sha256: ").append(each.apiKeySha256()).append('\n')
                    .append("    home-zone: ").append(each.homeZone()).append('\n')
                    .append("    cross-border: never\n");
            if (i == 0 && quotas != null) {
                yaml.append("    quotas: ").append(quotas).append('\n');
            }
            if (i < tenantAudits.size()) {
                yaml.append(tenantAudits.get(i));
            }
        }
        yaml.append("hazelcast: ").append(hazelcast != null ? hazelcast : ownEmbeddedCluster()).append('\n')
                .append("audit:\n");
        if (auditEndpoint != null) {
            yaml.append(auditEndpoint);
        }
        yaml.append("  journal: data/audit\n");
        return yaml.toString();
    }

    private String ownEmbeddedCluster() {
        int hazelcastPort = FreePorts.next();
        return "{mode: embedded, port: " + hazelcastPort + ", members: [\"127.0.0.1:" + hazelcastPort + "\"], cluster-name: "
                + uniqueClusterName(region) + "}";
    }

    /** {@code regiongate-<region>.<random label>}: a cluster of that region no other test run shares. */
    public static String uniqueClusterName(String someRegion) {
        return "regiongate-" + someRegion + ".e2e" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static String flow(List<String> values) {
        return "[" + String.join(", ", values) + "]";
    }
}
