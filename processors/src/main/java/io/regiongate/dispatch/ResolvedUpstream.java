package io.regiongate.dispatch;

import io.regiongate.config.UpstreamConfig;
import java.time.Duration;

/**
 * An upstream as the runtime calls it: its configuration, the concrete API base URL
 * (for simulated upstreams, the simulator's loopback address), the secret key read from the
 * environment, which never appears in {@link #toString()}, and the id of its call route.
 *
 * @param callRoute null for {@code upstream-<id>}, the route as started; a reload that adds or changes the upstream
 *                  gives it a new route ({@code upstream-<id>-r<generation>}) beside the old one,
 *                  which ends once its calls in flight have
 */
public record ResolvedUpstream(UpstreamConfig config, String apiBaseUrl, String apiKey, String callRoute)
        implements CallTarget {

    public ResolvedUpstream(UpstreamConfig config, String apiBaseUrl, String apiKey) {
        this(config, apiBaseUrl, apiKey, null);
    }

    /** The same upstream on the call route {@code routeId}. */
    public ResolvedUpstream onRoute(String routeId) {
        return new ResolvedUpstream(config, apiBaseUrl, apiKey, routeId);
    }

    @Override
    public String routeId() {
        return callRoute != null ? callRoute : target().routeId();
    }

    @Override
    public DispatchTarget target() {
        return DispatchTarget.upstream(config);
    }

    @Override
    public Duration connectTimeout() {
        return config.connectTimeout();
    }

    @Override
    public Duration responseTimeout() {
        return config.responseTimeout();
    }

    @Override
    public boolean http2() {
        return config.http2();
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isEmpty();
    }

    @Override
    public String toString() {
        return "ResolvedUpstream[" + config.id() + " -> " + apiBaseUrl + "]";
    }
}
