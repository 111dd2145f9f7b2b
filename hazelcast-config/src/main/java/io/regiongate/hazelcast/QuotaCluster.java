package io.regiongate.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.regiongate.config.HazelcastConfig;
import io.regiongate.config.HazelcastMode;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaStoreHealth;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This runtime's handle on its region's quota cluster: an embedded member started here
 * ({@code hazelcast.mode: embedded}, the default) or a client of a separate cluster
 * ({@code mode: client}). Closed with the runtime.
 */
public final class QuotaCluster implements QuotaStoreHealth, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaCluster.class);

    private final HazelcastInstance instance;
    private final HazelcastConfig settings;
    private final String clusterName;
    private final AtomicBoolean connected;

    private QuotaCluster(HazelcastInstance instance, HazelcastConfig settings, String clusterName,
                         AtomicBoolean connected) {
        this.instance = instance;
        this.settings = settings;
        this.clusterName = clusterName;
        this.connected = connected;
    }

    /** Starts the embedded member, or the client, of {@code region}'s cluster. */
    public static QuotaCluster start(String region, HazelcastConfig settings) {
        if (settings.mode() == HazelcastMode.CLIENT) {
            String cluster = settings.clusterName() == null ? RegionHazelcastConfigs.clusterName(region) : settings.clusterName();
            AtomicBoolean connected = new AtomicBoolean();
            var config = RegionHazelcastConfigs.client(region, cluster, settings.members());
            config.addListenerConfig(new com.hazelcast.config.ListenerConfig((com.hazelcast.core.LifecycleListener) event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                    connected.set(true);
                    LOG.info("quota cluster {}: connected", cluster);
                } else if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) {
                    connected.set(false);
                    LOG.warn("quota cluster {}: disconnected", cluster);
                }
            }));
            HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
            return new QuotaCluster(client, settings, cluster, connected);
        }
        var config = RegionHazelcastConfigs.embeddedMember(region, settings);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        LOG.info("quota cluster {}: embedded member started at {}", config.getClusterName(),
                member.getCluster().getLocalMember().getAddress());
        return new QuotaCluster(member, settings, config.getClusterName(), null);
    }

    /** The ledger on this cluster; windows are read from the clock of the member owning each counter. */
    public QuotaLedger ledger() {
        return new HazelcastQuotaLedger(() -> instance.<String, long[]>getMap(HazelcastQuotaLedger.COUNTERS_MAP),
                settings.timeout());
    }

    public HazelcastInstance instance() {
        return instance;
    }

    @Override
    public String mode() {
        return settings.mode().word();
    }

    /** {@code down} also while this embedded member's side of a split has fewer members than the quorum. */
    @Override
    public String state() {
        boolean running = instance.getLifecycleService().isRunning();
        return running && (connected == null || connected.get()) && hasQuorum() ? "up" : "down";
    }

    private boolean hasQuorum() {
        if (connected != null || settings.quorum() < 2) {
            return true;
        }
        try {
            return instance.getSplitBrainProtectionService()
                    .getSplitBrainProtection(RegionHazelcastConfigs.SPLIT_BRAIN_PROTECTION).hasMinimumSize();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public int members() {
        if (!"up".equals(state())) {
            return 0;
        }
        try {
            return instance.getCluster().getMembers().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public String clusterName() {
        return clusterName;
    }

    @Override
    public void close() {
        try {
            instance.shutdown();
        } catch (RuntimeException e) {
            LOG.debug("quota cluster {}: shutdown: {}", clusterName, e.toString());
        }
    }
}
