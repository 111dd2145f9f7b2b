package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quota and Hazelcast keys bind with their documented defaults and are checked as a whole. */
class ConfigQuotaAndHazelcastTest {

    private static final String BASE = """
            region: eu-west-1
            zones:
              eu: [eu-west-1]
            """;

    @TempDir
    Path dir;

    @Test
    void bindsHazelcastKeysAndDefaultsToFailClosed() throws Exception {
        GatewayConfig config = ConfigFixtures.load(ConfigFixtures.write(dir, "a.yaml", BASE + """
                hazelcast: {mode: client, members: ["10.0.0.5:5701"], cluster-name: regiongate-eu-west-1.staging, timeout: 250ms}
                """), Map.of());

        assertThat(config.hazelcast().members()).containsExactly("10.0.0.5:5701");
        assertThat(config.hazelcast().clusterName()).isEqualTo("regiongate-eu-west-1.staging");
        assertThat(config.hazelcast().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.hazelcast().failOpen()).isFalse();
        assertThat(HazelcastConfig.defaults().onUnavailable()).isEqualTo("fail-closed");
    }

    @Test
    void bindsTheDefaultCompletionCap() throws Exception {
        GatewayConfig config = ConfigFixtures.load(ConfigFixtures.write(dir, "b.yaml", BASE + """
                tenants:
                  - {id: acme, api-key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, home-zone: eu,
                     quotas: {requests-per-second: 5, default-max-tokens: 512}}
                """), Map.of());

        assertThat(config.tenants().get(0).quotas().completionReserve()).isEqualTo(512);
        assertThat(QuotaConfig.unlimited().completionReserve()).isEqualTo(QuotaConfig.DEFAULT_MAX_TOKENS);
    }

    @Test
    void refusesAnotherRegionsClusterBadMembersAndUnknownPolicy() {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.write(dir, "c.yaml", BASE + """
                hazelcast: {mode: client, members: ["no-port"], cluster-name: regiongate-us-east-1, on-unavailable: maybe}
                """), Map.of());

        assertThat(refusal).isNotNull();
        assertThat(refusal.getMessage())
                .contains("hazelcast.members[0]: 'no-port' is not host:port")
                .contains("hazelcast.cluster-name: 'regiongate-us-east-1' must be 'regiongate-eu-west-1'")
                .contains("hazelcast.on-unavailable: must be one of");
    }

    @Test
    void clientModeNeedsMemberAddresses() {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.write(dir, "d.yaml", BASE + """
                hazelcast: {mode: client}
                """), Map.of());
        assertThat(refusal.getMessage()).contains("hazelcast.members: client mode needs");
        assertThat(List.of(refusal)).hasSize(1);
    }

    @Test
    void quorumDefaultsToOneAndBindsForEmbeddedMembers() throws Exception {
        GatewayConfig config = ConfigFixtures.load(ConfigFixtures.write(dir, "e.yaml", BASE + """
                hazelcast: {members: ["10.0.0.5:5701", "10.0.0.6:5701", "10.0.0.7:5701"], quorum: 2, interface: 10.0.0.5}
                """), Map.of());

        assertThat(config.hazelcast().quorum()).isEqualTo(2);
        assertThat(HazelcastConfig.defaults().quorum()).as("no split-brain protection: today's single member").isEqualTo(1);
    }

    @Test
    void refusesAQuorumOfNoMembersOrMoreThanListed() {
        assertThat(ConfigFixtures.refusal(ConfigFixtures.write(dir, "f.yaml", BASE + """
                hazelcast: {quorum: 0}
                """), Map.of()).getMessage()).contains("hazelcast.quorum: 0 is not a number of members (at least 1)");
        assertThat(ConfigFixtures.refusal(ConfigFixtures.write(dir, "g.yaml", BASE + """
                hazelcast: {members: ["10.0.0.5:5701", "10.0.0.6:5701"], quorum: 3}
                """), Map.of()).getMessage()).contains("hazelcast.quorum: 3 is more than the 2 members listed");
    }

    @Test
    void refusesAQuorumInClientModeWhereTheClusterDeclaresItsOwn() {
        assertThat(ConfigFixtures.refusal(ConfigFixtures.write(dir, "h.yaml", BASE + """
                hazelcast: {mode: client, members: ["10.0.0.5:5701"], quorum: 2}
                """), Map.of()).getMessage()).contains("hazelcast.quorum: applies to embedded members");
    }

    @Test
    void anEmbeddedMemberWithMembersOnOtherHostsMustNameItsOwnPrivateAddress() throws Exception {
        ConfigException refusal = ConfigFixtures.refusal(ConfigFixtures.write(dir, "i.yaml", BASE + """
                hazelcast: {mode: embedded, members: ["10.0.0.5:5701", "10.0.0.6:5701"]}
                """), Map.of());
        GatewayConfig named = ConfigFixtures.load(ConfigFixtures.write(dir, "j.yaml", BASE + """
                hazelcast: {mode: embedded, members: ["10.0.0.5:5701", "10.0.0.6:5701"], interface: 10.0.0.5}
                """), Map.of());

        assertThat(refusal).hasMessageContaining("hazelcast.interface: members on other hosts are listed");
        assertThat(named.hazelcast().bindInterface()).isEqualTo("10.0.0.5");
        assertThat(HazelcastConfig.defaults().bindInterface()).isEqualTo("127.0.0.1");
    }
}
