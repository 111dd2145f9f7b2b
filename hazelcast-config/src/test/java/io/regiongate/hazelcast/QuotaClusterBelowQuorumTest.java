package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaStoreUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A runtime's embedded member alone, where {@code hazelcast.quorum} asks for two (its peer is away):
 * it counts nothing on its own, and says so on {@code /health/ready}.
 */
class QuotaClusterBelowQuorumTest {

    @Test
    void loneMemberBelowTheQuorumRefusesToCountAndReportsDown() {
        int port = TestClusters.freePort();
        HazelcastConfig settings = new HazelcastConfig(HazelcastMode.EMBEDDED, null,
                List.of("127.0.0.1:" + port), port,
                TestClusters.uniqueCluster("eu-west-1"), null, null, 2, null);

        try (QuotaCluster cluster = QuotaCluster.start("eu-west-1", settings)) {
            assertThat(cluster.state()).isEqualTo("down");
            assertThatThrownBy(() -> cluster.ledger().admit("acme", new QuotaLimits(10, 0, 0, 0), 1))
                    .isInstanceOf(QuotaStoreUnavailableException.class)
                    .hasRootCauseInstanceOf(SplitBrainProtectionException.class);
        }
    }
}
