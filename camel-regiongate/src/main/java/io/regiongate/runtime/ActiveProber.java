package io.regiongate.runtime;

import io.regiongate.config.ProbeConfig;
import io.regiongate.dispatch.ResolvedPeer;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.probe.ProbeState;
import io.regiongate.probe.TargetProbes;
import io.regiongate.tls.PeerClientTls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every local upstream ({@code GET {base-url}{probe-path}}, with its key) and every peer
 * ({@code GET /health/ready?scope=local}) each {@code probe.interval}, non-blocking, and reports
 * each outcome to the target's {@link ProbeState}: a dead upstream is taken out of dispatch before
 * any client request fails on it. A change of a target's health is logged once.
 */
final class ActiveProber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveProber.class);

    private final Vertx vertx;
    private final ProbeConfig settings;
    private final TargetProbes probes;
    private final Map<String, RequestOptions> requests = new LinkedHashMap<>();
    private final HttpClient client;
    /** A client of its own per peer with mutual TLS, presenting this runtime's certificate. */
    private final Map<String, HttpClient> tlsClients = new LinkedHashMap<>();
    private long timer = -1;

    ActiveProber(Vertx vertx, ProbeConfig settings, Iterable<ResolvedUpstream> upstreams, Iterable<ResolvedPeer> peers,
                 TargetProbes probes, PeerClientTls peerTls) {
        this.vertx = vertx;
        this.settings = settings;
        this.probes = probes;
        long timeout = settings.timeout().toMillis();
        this.client = vertx.createHttpClient(clientOptions(timeout));
        for (ResolvedUpstream upstream : upstreams) {
            RequestOptions request = request(upstream.apiBaseUrl() + upstream.config().probePath(), timeout);
            if (upstream.hasApiKey()) {
                request.putHeader("Authorization", "Bearer " + upstream.apiKey());
            }
            requests.put(upstream.id(), request);
        }
        for (ResolvedPeer peer : peers) {
            String base = peer.config().url().endsWith("/") ? peer.config().url().substring(0, peer.config().url().length() - 1)
                    : peer.config().url();
            requests.put(peer.id(), request(base + "/health/ready?scope=local", timeout));
            peerTls.of(peer.id()).ifPresent(tls -> tlsClients.put(peer.id(), vertx.createHttpClient(
                    tls.applyTo(clientOptions(timeout)))));
        }
    }

    private static HttpClientOptions clientOptions(long timeoutMillis) {
        return new HttpClientOptions().setConnectTimeout((int) timeoutMillis).setForceSni(true).setKeepAlive(true)
                .setMaxPoolSize(2);
    }

    private static RequestOptions request(String url, long timeoutMillis) {
        return new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setIdleTimeout(timeoutMillis)
                .setConnectTimeout(timeoutMillis).setFollowRedirects(false);
    }

    void start() {
        if (requests.isEmpty()) {
            return;
        }
        timer = vertx.setPeriodic(0, settings.interval().toMillis(), id -> requests.forEach(this::probe));
    }

    private void probe(String targetId, RequestOptions request) {
        ProbeState state = probes.of(targetId);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        tlsClients.getOrDefault(targetId, client).request(request)
                .compose(sent -> sent.send().compose(answer -> answer.body().map(body -> answer.statusCode())))
                .onComplete(done -> {
                    boolean ok = done.succeeded() && done.result() >= 200 && done.result() < 300
                            && System.nanoTime() - deadline <= 0;
                    String what = done.succeeded() ? "HTTP " + done.result() : String.valueOf(done.cause());
                    boolean changed = ok ? state.succeeded() : state.failed();
                    if (changed && ok) {
                        LOG.info("target {} is healthy again (probe: {})", targetId, what);
                    } else if (changed) {
                        LOG.warn("target {} is unhealthy: {} probes in a row failed (last: {}); it is left out of dispatch",
                                targetId, settings.unhealthyAfter(), what);
                    }
                });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        client.close();
        tlsClients.values().forEach(HttpClient::close);
    }
}
