package io.regiongate.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import io.regiongate.quota.QuotaLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member of the quota cluster keeps strangers out as far as open-source Hazelcast can: it listens
 * only on the interface it is given, and refuses to deserialize a class outside its filter, so a
 * client that reaches the port cannot make it run code of its own.
 */
class ClosedQuotaMemberIT {

    private static final String REGION = "eu-west-1";
    private static int port;
    private static String cluster;
    private static QuotaCluster member;

    @BeforeAll
    static void startAMemberOnLoopback() {
        port = TestClusters.freePort();
        cluster = TestClusters.uniqueCluster(REGION);
        member = QuotaCluster.start(REGION, new HazelcastConfig(HazelcastMode.EMBEDDED, null,
                List.of("127.0.0.1:" + port), port, cluster, null, null, null, "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (member != null) {
            member.close();
        }
    }

    @Test
    void aMemberBoundToLoopbackIsNotReachableOnAnotherAddressOfTheMachine() throws Exception {
        Optional<InetAddress> other = otherLocalAddress();
        assumeTrue(other.isPresent(), "this machine has no address but loopback");

        try (Socket viaLoopback = new Socket()) {
            viaLoopback.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            assertThat(viaLoopback.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> {
            try (Socket viaOther = new Socket()) {
                viaOther.connect(new InetSocketAddress(other.get(), port), 2000);
            }
        }).as("connecting on %s", other.get()).isInstanceOf(IOException.class);
    }

    @Test
    void aClassOutsideTheFilterSentToTheMemberIsRefusedAndTheCountersUsersStillWork() {
        com.hazelcast.client.config.ClientConfig config = RegionHazelcastConfigs.client(REGION, cluster,
                List.of("127.0.0.1:" + port));
        config.getConnectionStrategyConfig().setAsyncStart(false);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            var counters = client.<String, long[]>getMap(RegionHazelcastConfigs.QUOTA_MAP_PREFIX + "counters");
            assertThatThrownBy(() -> counters.executeOnKey("acme", new Intruder()))
                    .hasStackTraceContaining(Intruder.class.getName());
            assertThat(Intruder.ran).as("the intruder's code never ran on the member").isFalse();

            assertThat(member.ledger().admit("acme", new QuotaLimits(10, 0, 0, 0), 1).admitted()).isTrue();
        } finally {
            client.shutdown();
        }
    }

    /** Code a stranger would like the member to run. */
    static final class Intruder implements EntryProcessor<String, long[], Object> {
        static volatile boolean ran;

        @Override
        public Object process(Map.Entry<String, long[]> entry) {
            ran = true;
            return null;
        }
    }

    private static Optional<InetAddress> otherLocalAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
