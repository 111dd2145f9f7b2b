package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.WanReplicationConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RegionHazelcastConfigsTest {

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"})
    void packagedConfigOfEachRegionIsItsOwnClusterWithSynchronousBackups(String region) {
        Config config = RegionHazelcastConfigs.member(region, null);

        assertThat(config.getClusterName()).isEqualTo("regiongate-" + region);
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getWanReplicationConfigs()).isEmpty();
        assertThat(config.getMapConfig(RegionHazelcastConfigs.QUOTA_MAP_PREFIX + "rps").getBackupCount()).isEqualTo(1);
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        // Hazelcast's address picker refuses a port range in a member address ("127.0.0.1:5701-5710")
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .allSatisfy(member -> assertThat(member).matches("[^:]+:\\d+"));
    }

    @Test
    void regionsListenOnPortRangesThatDoNotOverlap() {
        List<String> regions = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2");
        Set<Integer> basePorts = regions.stream()
                .map(region -> RegionHazelcastConfigs.member(region, null).getNetworkConfig().getPort() / 20)
                .collect(Collectors.toSet());
        assertThat(basePorts).hasSize(regions.size());
    }

    @Test
    void refusesAnotherRegionsConfiguration() {
        assertThatThrownBy(() -> RegionHazelcastConfigs.member("us-east-1", "hazelcast-eu-west-1.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster-name is 'regiongate-eu-west-1' but must be 'regiongate-us-east-1'");
    }

    @Test
    void refusesMulticastDiscoveryAndWanReplication() {
        Config config = RegionHazelcastConfigs.member("eu-west-1", null);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(true);
        config.addWanReplicationConfig(new WanReplicationConfig().setName("to-us"));

        assertThatThrownBy(() -> RegionHazelcastConfigs.requireRegionLocal(config, "eu-west-1"))
                .hasMessageContaining("multicast discovery must be disabled")
                .hasMessageContaining("WAN replication must not be configured");
    }

    @Test
    void namesTheMissingConfiguration() {
        assertThatThrownBy(() -> RegionHazelcastConfigs.member("mars-north-1", null))
                .hasMessageContaining("hazelcast-mars-north-1.yaml");
    }

    @Test
    void clientJoinsOnlyItsRegionsCluster() {
        ClientConfig client = RegionHazelcastConfigs.client("eu-central-1", List.of("10.1.0.5:5721"));

        assertThat(client.getClusterName()).isEqualTo("regiongate-eu-central-1");
        assertThat(client.getNetworkConfig().getAddresses()).containsExactly("10.1.0.5:5721");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"})
    void countersMergeByTheirOwnPolicyAfterASplit(String region) {
        Config config = RegionHazelcastConfigs.member(region, null);

        assertThat(config.getMapConfig(HazelcastQuotaLedger.COUNTERS_MAP).getMergePolicyConfig().getPolicy())
                .isEqualTo(QuotaCountersMergePolicy.class.getName());
    }

    @Test
    void quorumOfTwoOrMoreProtectsTheCountersFromASplit() {
        Config config = RegionHazelcastConfigs.embeddedMember("eu-west-1",
                new HazelcastConfig(HazelcastMode.EMBEDDED, null).withQuorum(2));

        SplitBrainProtectionConfig protection = config.getSplitBrainProtectionConfig(RegionHazelcastConfigs.SPLIT_BRAIN_PROTECTION);
        assertThat(protection.isEnabled()).isTrue();
        assertThat(protection.getMinimumClusterSize()).isEqualTo(2);
        assertThat(protection.getProtectOn()).isEqualTo(SplitBrainProtectionOn.READ_WRITE);
        assertThat(config.getMapConfig(HazelcastQuotaLedger.COUNTERS_MAP).getSplitBrainProtectionName())
                .isEqualTo(RegionHazelcastConfigs.SPLIT_BRAIN_PROTECTION);
    }

    @Test
    void quorumOfOneProtectsNothing() {
        Config config = RegionHazelcastConfigs.embeddedMember("eu-west-1", HazelcastConfig.defaults());

        assertThat(config.getSplitBrainProtectionConfigs()).isEmpty();
        assertThat(config.getMapConfig(HazelcastQuotaLedger.COUNTERS_MAP).getSplitBrainProtectionName()).isNull();
    }
}
