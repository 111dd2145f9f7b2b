package io.regiongate.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
        List<String> members = java.util.Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port).toList();
        return java.util.Arrays.stream(ports).mapToObj(port -> Hazelcast.newHazelcastInstance(
                        RegionHazelcastConfigs.embeddedMember(region,
                                new HazelcastConfig(HazelcastMode.EMBEDDED, null, members, port, cluster, null, null))))
                .toList();
    }
}
