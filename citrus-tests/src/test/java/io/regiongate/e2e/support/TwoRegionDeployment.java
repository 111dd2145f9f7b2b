package io.regiongate.e2e.support;

import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Two RegionGate runtimes as deployed side by side: {@value #EU} and {@value #US}, each started
 * from its own configuration file that holds the same upstreams, circuit breakers and tenants (the
 * shared base) and names the other runtime as its peer. Ports are chosen when the deployment is
 * described, so that clients can be configured before it starts; both runtimes start in parallel.
 */
public final class TwoRegionDeployment implements AutoCloseable {

    public static final String EU = "eu-west-1";
    public static final String US = "us-east-1";
    private static final List<String> REGIONS = List.of(EU, US);

    private final String name;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> peerUrls = new LinkedHashMap<>();
    private final List<Consumer<GatewayConfigFile>> shared = new ArrayList<>();
    private final Map<String, List<Consumer<GatewayConfigFile>>> own = new LinkedHashMap<>();
    private final Map<String, GatewayProcess> running = new LinkedHashMap<>();

    private TwoRegionDeployment(String name) {
        this.name = name;
        REGIONS.forEach(region -> ports.put(region, FreePorts.next()));
    }

    /** @param name names the runtimes' working directories, {@code target/e2e/<name>-<region>/} */
    public static TwoRegionDeployment named(String name) {
        return new TwoRegionDeployment(name);
    }

    public TwoRegionDeployment tenant(TestTenant tenant, String crossBorder) {
        shared.add(config -> config.tenant(tenant, crossBorder));
        return this;
    }

    /** An upstream in the shared list; only the runtime of its region calls it. */
    public TwoRegionDeployment upstream(Upstream upstream) {
        shared.add(config -> config.upstream(upstream));
        return this;
    }

    public TwoRegionDeployment circuitBreaker(String breakerName, BreakerSettings settings) {
        shared.add(config -> config.circuitBreaker(breakerName, settings));
        return this;
    }

    /**
     * A part of only {@code region}'s configuration, e.g. its own audit endpoint:
     * {@code .only(EU, config -> config.auditKafka(EU, euBroker.bootstrapServers(), topic))}.
     */
    public TwoRegionDeployment only(String region, Consumer<GatewayConfigFile> part) {
        own.computeIfAbsent(region, key -> new ArrayList<>()).add(part);
        return this;
    }

    /**
     * The URL the other runtime is given for {@code region}'s runtime, instead of its own address:
     * a tap in front of it, or an address where nothing listens.
     */
    public TwoRegionDeployment reachedVia(String region, String url) {
        peerUrls.put(region, url);
        return this;
    }

    public int port(String region) {
        return ports.get(region);
    }

    public String baseUrl(String region) {
        return "http://127.0.0.1:" + port(region);
    }

    public URI uri(String region, String path) {
        return URI.create(baseUrl(region) + path);
    }

    /** The configuration file of {@code region}'s runtime. */
    public GatewayConfigFile config(String region) {
        GatewayConfigFile config = GatewayConfigFile.forRegion(region, port(region));
        shared.forEach(part -> part.accept(config));
        own.getOrDefault(region, List.of()).forEach(part -> part.accept(config));
        for (String other : REGIONS) {
            if (!other.equals(region)) {
                config.peer(other, peerUrls.getOrDefault(other, baseUrl(other)));
            }
        }
        return config;
    }

    /** Starts both runtimes at once and returns when both are ready. */
    public TwoRegionDeployment start() {
        Map<String, CompletableFuture<GatewayProcess>> starting = new LinkedHashMap<>();
        for (String region : REGIONS) {
            GatewayConfigFile config = config(region);
            starting.put(region, CompletableFuture.supplyAsync(() -> GatewayProcess.start(name + "-" + region, config)));
        }
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<GatewayProcess>> entry : starting.entrySet()) {
            try {
                running.put(entry.getKey(), entry.getValue().join());
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
        return this;
    }

    public GatewayProcess gateway(String region) {
        GatewayProcess gateway = running.get(region);
        if (gateway == null) {
            throw new IllegalStateException("the " + region + " runtime of " + name + " is not started");
        }
        return gateway;
    }

    public GatewayProcess eu() {
        return gateway(EU);
    }

    public GatewayProcess us() {
        return gateway(US);
    }

    @Override
    public void close() {
        running.values().forEach(GatewayProcess::close);
    }
}
