package io.regiongate.hazelcast;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemYamlConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaWindow;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast configuration of one region's quota cluster. Each region has its own cluster,
 * named {@code regiongate-<region>} (or {@code regiongate-<region>.<label>} for clusters run side by
 * side, e.g. in tests); a configuration that could join or replicate to anything
 * else is refused before a member starts.
 */
public final class RegionHazelcastConfigs {

    public static final String CLUSTER_PREFIX = "regiongate-";
    public static final String QUOTA_MAP_PREFIX = "regiongate-quota-";
    /** The split-brain protection of the quota maps, declared when {@code hazelcast.quorum} is 2 or more. */
    public static final String SPLIT_BRAIN_PROTECTION = "regiongate-quota-quorum";
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

    /**
     * The member configuration of the runtime's embedded member: {@link #member(String, String)}
     * with the runtime's overrides laid over it: cluster name, port (no auto-increment) and the
     * TCP-IP member list, each when given.
     */
    public static Config embeddedMember(String region, io.regiongate.config.HazelcastConfig settings) {
        Config config = load(settings.config() == null ? packagedName(region) : settings.config());
        if (settings.clusterName() != null) {
            config.setClusterName(settings.clusterName());
        }
        if (settings.port() != null) {
            config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false);
        }
        if (!settings.members().isEmpty()) {
            config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                    .setMembers(new ArrayList<>(settings.members()));
        }
        protectCounters(config, settings.quorum());
        closeMember(config, settings.bindInterface());
        requireRegionLocal(config, region);
        return config;
    }

    /**
     * What an open-source member can do to keep strangers out, since it has no authentication and no
     * TLS: it binds to the one interface named (never to every interface), and its Java
     * deserialization filter admits only Hazelcast's own classes and the counters' entry processors,
     * limits and merge policy, so that a class sent by whoever reaches the port is refused before it
     * is loaded. The network it binds to must be the region's private one.
     */
    static void closeMember(Config config, String bindInterface) {
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of(bindInterface));
        ClassFilter allowed = new ClassFilter().addClasses(
                AdmitEntryProcessor.class.getName(), SettleEntryProcessor.class.getName(),
                ReadCountersEntryProcessor.class.getName(), OwnerClockEntryProcessor.class.getName(),
                OwnerClockEntryProcessor.AtOwnerInstant.class.getName(), QuotaCountersMergePolicy.class.getName(),
                QuotaLimits.class.getName(), QuotaWindow.class.getName());
        config.getSerializationConfig().setJavaSerializationFilterConfig(
                new JavaSerializationFilterConfig().setDefaultsDisabled(false).setWhitelist(allowed));
    }

    /**
     * Split-brain protection of the quota maps: with a {@code quorum} of 2 or more, a side of a
     * split cluster that has fewer members neither reads nor updates counters (its calls fail with
     * {@link com.hazelcast.splitbrainprotection.SplitBrainProtectionException}, which the ledger takes
     * for "cluster unreachable"). A quorum of 1 protects nothing: every member counts alone.
     */
    static void protectCounters(Config config, int quorum) {
        if (quorum < 2) {
            return;
        }
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(SPLIT_BRAIN_PROTECTION, true, quorum)
                .setProtectOn(SplitBrainProtectionOn.READ_WRITE));
        config.getMapConfig(QUOTA_MAP_PREFIX + "*").setSplitBrainProtectionName(SPLIT_BRAIN_PROTECTION);
    }

    /** A client configuration for this region's cluster at the given member addresses. */
    public static ClientConfig client(String region, List<String> memberAddresses) {
        return client(region, clusterName(region), memberAddresses);
    }

    /**
     * A client configuration for this region's cluster ({@code cluster}, which must name the
     * region). It starts without waiting for the cluster and reconnects in the background, so that
     * a runtime whose cluster is away starts and applies {@code on-unavailable} at once.
     */
    public static ClientConfig client(String region, String cluster, List<String> memberAddresses) {
        requireClusterOfRegion(cluster, region);
        ClientConfig config = new ClientClasspathYamlConfig(PACKAGED + "hazelcast-client.yaml");
        config.setClusterName(cluster);
        if (!memberAddresses.isEmpty()) {
            config.getNetworkConfig().setAddresses(new ArrayList<>(memberAddresses));
        }
        config.getConnectionStrategyConfig().setAsyncStart(true)
                .setReconnectMode(com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1)
                .setInitialBackoffMillis(200).setMaxBackoffMillis(2000);
        return config;
    }

    /** True for {@code regiongate-<region>} and {@code regiongate-<region>.<label>}. */
    public static boolean isClusterOfRegion(String cluster, String region) {
        String base = clusterName(region);
        return base.equals(cluster) || (cluster != null && cluster.startsWith(base + ".")
                && cluster.substring(base.length() + 1).matches("[a-z0-9][a-z0-9-]*"));
    }

    private static void requireClusterOfRegion(String cluster, String region) {
        if (!isClusterOfRegion(cluster, region)) {
            throw new IllegalArgumentException("cluster '" + cluster + "' is not region " + region + "'s");
        }
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
        if (!isClusterOfRegion(config.getClusterName(), region)) {
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
