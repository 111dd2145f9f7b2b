package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.regiongate.e2e.support.ChatBurst;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3: two regions, two clusters. After an EU tenant's traffic in eu-west-1, the EU cluster
 * holds its counters and the us-east-1 cluster holds no key, no value and no member of the EU's.
 */
class RegionClustersStayApartIT {

    private static final TestTenant EU_TENANT = TestTenant.acmeEu();
    private static final TestTenant US_TENANT = new TestTenant("globex-us", "us", "rg-test-globex-us-" + java.util.UUID.randomUUID());
    private static final String COUNTERS = "regiongate-quota-counters";

    private static final String QUOTAS = "{requests-per-second: 100, tokens-per-day: 1000000}";

    /** Each region's runtime an embedded member of a cluster of its own, serving its own tenant. */
    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("regions-apart")
            .only(EU, config -> config.tenant(EU_TENANT).quotas(QUOTAS))
            .only(US, config -> config.tenant(US_TENANT).quotas(QUOTAS))
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "ok");

    private static HazelcastInstance euCluster;
    private static HazelcastInstance usCluster;
    private final ChatBurst gatewayClient = new ChatBurst();

    @BeforeAll
    static void observeBothClusters() {
        euCluster = client(deployment.cluster(EU));
        usCluster = client(deployment.cluster(US));
    }

    /** An observer of a cluster from outside: a plain Hazelcast client of it. */
    private static HazelcastInstance client(Deployment.Cluster cluster) {
        ClientConfig config = new ClientConfig().setClusterName(cluster.name());
        config.getNetworkConfig().addAddress(cluster.member());
        config.setProperty("hazelcast.logging.type", "slf4j");
        return HazelcastClient.newHazelcastClient(config);
    }

    @AfterAll
    static void stopObserving() {
        for (HazelcastInstance client : new HazelcastInstance[] {euCluster, usCluster}) {
            if (client != null) {
                client.shutdown();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void usClusterHoldsNothingOfTheEuAfterEuTraffic() {
        // given traffic of the EU tenant in eu-west-1
        ChatBurst.Result eu = gatewayClient.fire(List.of(deployment.uri(EU, "/v1/chat/completions")), 20,
                EU_TENANT.bearer(), ChatBurst.SMALL_REQUEST, false);
        assertThat(eu.count(200)).isEqualTo(20);
        // and a US tenant's own request in us-east-1, so that the US counters exist
        assertThat(gatewayClient.send(deployment.uri(US, "/v1/chat/completions"), US_TENANT.bearer(), ChatBurst.SMALL_REQUEST)
                .statusCode()).isEqualTo(200);

        // when both clusters are inspected from outside
        IMap<String, long[]> euCounters = euCluster.getMap(COUNTERS);
        Set<String> usMembers = usCluster.getCluster().getMembers().stream()
                .map(member -> member.getAddress().getHost() + ":" + member.getAddress().getPort())
                .collect(Collectors.toSet());

        // then the EU cluster holds the EU tenant's counters ...
        assertThat(euCounters.containsKey(EU_TENANT.id())).isTrue();
        assertThat(euCluster.getCluster().getMembers()).extracting(Member::getAddress)
                .extracting(address -> address.getPort()).containsExactly(deployment.cluster(EU).memberPort());

        // ... and the US cluster: no member of the EU's, no object holding an EU key or value
        assertThat(usMembers).containsExactly(deployment.cluster(US).member());
        for (DistributedObject object : usCluster.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                assertThat(map.keySet()).as("keys of %s in the US cluster", map.getName())
                        .noneMatch(key -> String.valueOf(key).contains(EU_TENANT.id()));
            }
        }
        assertThat(usCluster.<String, long[]>getMap(COUNTERS).keySet()).containsExactly(US_TENANT.id());
    }
}
