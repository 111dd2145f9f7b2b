package io.regiongate.hazelcast;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemYamlConfig;
import com.hazelcast.config.JoinConfig;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast configuration of one region's quota cluster. Each region has its own cluster,
 * named {@code regiongate-<region>}; a configuration that could join or replicate to anything
 * else is refused before a member starts.
 */
public final class RegionHazelcastConfigs {

    public static final String CLUSTER_PREFIX = "regiongate-";
    public static final String QUOTA_MAP_PREFIX = "regiongate-quota-";
    private static final String PACKAGED = "hazelcast/";

    private RegionHazelcastConfigs() {
    }

    public static String clusterName(String region) {
        return CLUSTER_PREFIX + region;
    }

    /** The name of the configuration packaged for a region, e.g. {@code hazelcast-eu-west-1.yaml}. */
    public static String packagedName(String region) {
        return "hazelcast-" + region + ".yaml";
    }

    /**
     * A member configuration: {@code file} when given (a path, or the name of a packaged one),
     * otherwise the one packaged for the region; checked with {@link #requireRegionLocal}.
     */
    public static Config member(String region, String file) {
        String name = file == null ? packagedName(region) : file;
        Config config = load(name);
        requireRegionLocal(config, region);
        return config;
    }

    /** A client configuration for this region's cluster at the given member addresses. */
    public static ClientConfig client(String region, List<String> memberAddresses) {
        ClientConfig config = new ClientClasspathYamlConfig(PACKAGED + "hazelcast-client.yaml");
        config.setClusterName(clusterName(region));
        if (!memberAddresses.isEmpty()) {
            config.getNetworkConfig().setAddresses(new ArrayList<>(memberAddresses));
        }
        return config;
    }

    /**
     * Refuses a member configuration that is not confined to its region: a cluster name that does
     * not name the region, multicast or auto-detection discovery (which can find any cluster on the
     * network), or any WAN replication.
     *
     * @throws IllegalArgumentException naming each problem
     */
    public static void requireRegionLocal(Config config, String region) {
        List<String> problems = new ArrayList<>();
        if (!clusterName(region).equals(config.getClusterName())) {
            problems.add("cluster-name is '" + config.getClusterName() + "' but must be '" + clusterName(region) + "'");
        }
        JoinConfig join = config.getNetworkConfig().getJoin();
        if (join.getMulticastConfig().isEnabled()) {
            problems.add("multicast discovery must be disabled");
        }
        if (join.getAutoDetectionConfig().isEnabled()) {
            problems.add("auto-detection discovery must be disabled");
        }
        if (!config.getWanReplicationConfigs().isEmpty()) {
            problems.add("WAN replication must not be configured: counters never leave their region");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Hazelcast configuration for region " + region
                    + " is not region-local: " + String.join("; ", problems));
        }
    }

    private static Config load(String name) {
        Path path = Path.of(name);
        if (Files.isRegularFile(path)) {
            try {
                return new FileSystemYamlConfig(path.toFile());
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException("Hazelcast configuration " + name + " cannot be read", e);
            }
        }
        if (RegionHazelcastConfigs.class.getClassLoader().getResource(PACKAGED + name) == null) {
            throw new IllegalArgumentException("no Hazelcast configuration '" + name
                    + "': neither a file nor one packaged (hazelcast-<region>.yaml)");
        }
        return new ClasspathYamlConfig(PACKAGED + name);
    }
}
