package io.regiongate.runtime;

import io.regiongate.config.GatewayConfig;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.simulator.SimulatedUpstreamServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns this region's upstream configs into callable upstreams: a real upstream gets its base URL
 * and the key from its environment variable; a simulated one gets a simulator started on
 * 127.0.0.1. Upstreams of other regions are never resolved: this runtime does not call them.
 */
final class UpstreamResolver implements AutoCloseable {

    private final Function<String, String> environment;
    /** The simulators started, by the API base URL of the upstream each stands in for. */
    private final Map<String, SimulatedUpstreamServer> simulators = new ConcurrentHashMap<>();

    UpstreamResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    List<ResolvedUpstream> resolve(GatewayConfig config) {
        List<ResolvedUpstream> resolved = new ArrayList<>();
        for (UpstreamConfig upstream : config.localUpstreams()) {
            resolved.add(resolve(upstream));
        }
        return resolved;
    }

    ResolvedUpstream resolve(UpstreamConfig upstream) {
        return upstream.isSimulated() ? simulate(upstream) : real(upstream);
    }

    /** After a reload removed or replaced it: stops the upstream's simulator, if it has one. */
    void release(ResolvedUpstream upstream) {
        SimulatedUpstreamServer simulator = simulators.remove(upstream.apiBaseUrl());
        if (simulator != null) {
            simulator.close();
        }
    }

    private ResolvedUpstream real(UpstreamConfig upstream) {
        String apiKey = upstream.apiKeyEnv() == null ? null : environment.apply(upstream.apiKeyEnv());
        return new ResolvedUpstream(upstream, apiBaseUrl(upstream.baseUrl()), apiKey);
    }

    private ResolvedUpstream simulate(UpstreamConfig upstream) {
        try {
            SimulatedUpstreamServer simulator =
                    new SimulatedUpstreamServer(upstream.models(), upstream.simulator(), upstream.http2()).start(0);
            String apiBaseUrl = apiBaseUrl(simulator.baseUrl());
            simulators.put(apiBaseUrl, simulator);
            return new ResolvedUpstream(upstream, apiBaseUrl, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated upstream " + upstream.id(), e);
        }
    }

    static String apiBaseUrl(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public void close() {
        simulators.values().forEach(SimulatedUpstreamServer::close);
        simulators.clear();
    }
}
