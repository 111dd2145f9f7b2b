package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The complete configuration of DESIGN.md binds to the records, key by key. */
class ConfigFullFileLoadingTest {

    private final GatewayConfig config = loadSketch();

    private static GatewayConfig loadSketch() {
        try {
            return ConfigFixtures.load(ConfigFixtures.resource("regiongate.yaml"), ConfigFixtures.SKETCH_ENVIRONMENT);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void bindsRegionListenAndZones() {
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.listen().host()).isEqualTo("0.0.0.0");
        assertThat(config.listen().port()).isEqualTo(8080);
        assertThat(config.listen().maxRequestBytes()).isEqualTo(ListenConfig.DEFAULT_MAX_REQUEST_BYTES);
        assertThat(config.zones()).containsOnlyKeys("eu", "us");
        assertThat(config.zoneOf("eu-central-1")).contains("eu");
        assertThat(config.zoneOf("ap-south-1")).isEmpty();
    }

    @Test
    void bindsEveryUpstreamKeyAndDefaultsTheOnesLeftOut() {
        assertThat(config.upstreams()).extracting(UpstreamConfig::id).containsExactly("eu-openai-primary", "eu-sim");
        UpstreamConfig primary = config.upstream("eu-openai-primary").orElseThrow();
        assertThat(primary.type()).isEqualTo(UpstreamType.OPENAI);
        assertThat(primary.baseUrl()).isEqualTo("https://api.example-llm.eu/v1");
        assertThat(primary.apiKeyEnv()).isEqualTo("EU_OPENAI_KEY");
        assertThat(primary.models()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(primary.priority()).isEqualTo(1);
        assertThat(primary.weight()).isEqualTo(100);
        assertThat(primary.circuitBreaker()).isEqualTo("default");
        assertThat(primary.connectTimeout()).isEqualTo(UpstreamConfig.DEFAULT_CONNECT_TIMEOUT);

        UpstreamConfig sim = config.upstream("eu-sim").orElseThrow();
        assertThat(sim.isSimulated()).isTrue();
        assertThat(sim.priority()).isEqualTo(2);
        assertThat(sim.weight()).isEqualTo(UpstreamConfig.DEFAULT_WEIGHT);
        assertThat(sim.simulator()).isEqualTo(SimulatorConfig.defaults());
    }

    @Test
    void bindsCircuitBreakerDurationsWrittenAsOperatorsWriteThem() {
        CircuitBreakerConfig breaker = config.circuitBreakers().get("default");
        assertThat(breaker).isEqualTo(new CircuitBreakerConfig(50, 5, Duration.ofSeconds(10), 2, Duration.ofSeconds(20)));
    }

    @Test
    void bindsTenantPolicyQuotasAndAudit() {
        TenantConfig tenant = config.tenant("acme-eu").orElseThrow();
        assertThat(tenant.apiKeySha256()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(tenant.homeZone()).isEqualTo("eu");
        assertThat(tenant.crossBorder()).isEqualTo(CrossBorder.NEVER);
        assertThat(tenant.quotas()).isEqualTo(new QuotaConfig(50L, 200_000L, 5_000_000L, null));
        assertThat(tenant.audit()).isEqualTo(new TenantAuditConfig(AuditDelivery.ASYNC, AuditContent.HASH));
        assertThat(tenant.upstreams()).as("no restriction means every upstream").isEmpty();
    }

    @Test
    void bindsPeersHazelcastAndRegionLocalAudit() {
        assertThat(config.peers()).containsExactly(new PeerConfig("us-east-1", "https://us-east-1.gateway.internal:8443", null, null,
                null, "REGIONGATE_PEER_SECRET_EU_US", false, null));
        assertThat(config.hazelcast()).isEqualTo(new HazelcastConfig(HazelcastMode.EMBEDDED, "hazelcast-eu-west-1.yaml"));
        assertThat(config.audit().endpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.region()).isEqualTo("eu-west-1");
            assertThat(endpoint.kafka().bootstrapServers()).isEqualTo("kafka.eu-west-1.internal:9092");
            assertThat(endpoint.kafka().topic()).isEqualTo("regiongate.audit.eu-west-1");
        });
        assertThat(config.audit().journal()).isEqualTo("data/audit");
    }

    @Test
    void namesTheFileItCameFromAsItsSource() {
        assertThat(config.source()).endsWith("regiongate.yaml");
    }
}
