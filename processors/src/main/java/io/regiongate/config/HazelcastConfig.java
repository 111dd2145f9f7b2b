package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Where quota counters live.
 *
 * @param mode          {@code embedded} (a member inside this runtime) or {@code client}
 * @param config        the Hazelcast member configuration file; by default the one packaged for this region
 * @param members       {@code host:port} of this region's members: the TCP-IP member list of an
 *                      embedded member, or the addresses a client connects to; empty keeps the file's
 * @param port          the port of the embedded member (no auto-increment); absent keeps the file's
 * @param clusterName   {@code regiongate-<region>}, or {@code regiongate-<region>.<label>} to run
 *                      several clusters of one region side by side (tests, staging)
 * @param onUnavailable what a request meets when the cluster cannot be reached:
 *                      {@code fail-closed} (503) or {@code fail-open} (a limiter local to this runtime)
 * @param timeout       the longest wait for one counter update before the cluster counts as unreachable
 * @param quorum        the least members a side of the embedded members' cluster needs to update
 *                      counters (Hazelcast split-brain protection); 1, the default, protects nothing
 * @param bindInterface the one address the embedded member binds to and is reached at (never every
 *                      interface); {@value #LOOPBACK} by default, so a member reaches beyond this
 *                      machine only when its private network's address is named here
 */
public record HazelcastConfig(
        HazelcastMode mode,
        String config,
        List<String> members,
        Integer port,
        @JsonProperty("cluster-name") String clusterName,
        @JsonProperty("on-unavailable") String onUnavailable,
        Duration timeout,
        Integer quorum,
        @JsonProperty("interface") String bindInterface) {

    public static final String FAIL_CLOSED = "fail-closed";
    public static final String FAIL_OPEN = "fail-open";
    public static final String LOOPBACK = "127.0.0.1";

    public HazelcastConfig {
        mode = mode == null ? HazelcastMode.EMBEDDED : mode;
        members = members == null ? List.of() : List.copyOf(members);
        onUnavailable = onUnavailable == null ? FAIL_CLOSED : onUnavailable;
        timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        quorum = quorum == null ? 1 : quorum;
        bindInterface = bindInterface == null ? LOOPBACK : bindInterface;
    }

    public HazelcastConfig(HazelcastMode mode, String config, List<String> members, Integer port, String clusterName,
                           String onUnavailable, Duration timeout) {
        this(mode, config, members, port, clusterName, onUnavailable, timeout, null, null);
    }

    public HazelcastConfig(HazelcastMode mode, String config) {
        this(mode, config, null, null, null, null, null, null, null);
    }

    public static HazelcastConfig defaults() {
        return new HazelcastConfig(null, null);
    }

    public HazelcastConfig withQuorum(int quorumSize) {
        return new HazelcastConfig(mode, config, members, port, clusterName, onUnavailable, timeout, quorumSize,
                bindInterface);
    }

    public boolean failOpen() {
        return FAIL_OPEN.equals(onUnavailable);
    }
}
