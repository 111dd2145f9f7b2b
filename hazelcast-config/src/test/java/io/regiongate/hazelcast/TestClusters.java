package io.regiongate.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Real Hazelcast members on free ports, in a cluster of their own (a random label) per test. */
final class TestClusters {

    private TestClusters() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String uniqueCluster(String region) {
        return RegionHazelcastConfigs.clusterName(region) + ".t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts one member per port, all listing each other. */
    static List<HazelcastInstance> start(String region, String cluster, int... ports) {
        return Arrays.stream(ports).mapToObj(port -> Hazelcast.newHazelcastInstance(config(region, cluster, port, ports)))
                .toList();
    }

    /** Like {@link #start}, every member reading its windows from {@code clock}. */
    static List<HazelcastInstance> startWithClock(String region, String cluster, Clock clock, int... ports) {
        return Arrays.stream(ports).mapToObj(port -> Hazelcast.newHazelcastInstance(
                MemberClock.use(config(region, cluster, port, ports), clock))).toList();
    }

    /** The runtime's member configuration of the member on {@code port} among {@code ports}. */
    static Config config(String region, String cluster, int port, int... ports) {
        List<String> members = Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).toList();
        return RegionHazelcastConfigs.embeddedMember(region,
                new HazelcastConfig(HazelcastMode.EMBEDDED, null, members, port, cluster, null, null));
    }

    static void awaitClusterSize(HazelcastInstance member, int size) {
        Poll.until("a cluster of " + size + " members", () -> member.getCluster().getMembers().size() == size);
    }

    /** A tenant id whose counters {@code member} owns (the primary replica of its partition). */
    static String tenantOwnedBy(HazelcastInstance member) {
        member.getMap(HazelcastQuotaLedger.COUNTERS_MAP).size();
        String[] found = new String[1];
        Poll.until("a tenant owned by " + member.getName(), () -> {
            for (int i = 0; i < 10_000; i++) {
                var owner = member.getPartitionService().getPartition("tenant-" + i).getOwner();
                if (owner != null && owner.localMember()) {
                    found[0] = "tenant-" + i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
