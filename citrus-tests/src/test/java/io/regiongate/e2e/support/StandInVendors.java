package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.http.server.HttpServerBuilder;

/**
 * The vendors that stand in for a {@link Deployment}'s upstreams, one kind per purpose:
 * <ul>
 * <li>a <b>Citrus {@code HttpServer}</b> per upstream the scenario converses with: it receives
 * each request, validates what crossed the wire (body, headers, or that nothing came) and sends
 * the answer ({@link VendorReplies} has the steps);</li>
 * <li>an endpoint of a <b>{@link ScriptedUpstream}</b> per upstream that behaves on its own in
 * the background (fails, streams at a pace, hangs, breaks off), all on one vendor process, or on
 * one of its own for a vendor over TLS with a certificate of its own; its behaviour can be
 * switched while the runtimes run, and it is judged by how many calls it got and when.</li>
 * </ul>
 * A scripted endpoint may also stand in for a peer region's runtime, to script what the peer answers
 * the requests forwarded to it.
 * Each upstream's address is set once its vendor runs; a Citrus server's is known at once.
 */
final class StandInVendors {

    private static final long CITRUS_SERVER_TIMEOUT_MILLIS = 15_000;
    private static final String TLS_PASSWORD = "regiongate-test";

    private record TlsVendor(Upstream upstream, HttpHandler behaviour, String subjectAlternativeNames,
                             boolean trusted) {
    }

    private final Map<Upstream, SwitchableBehaviour> scripted = new LinkedHashMap<>();
    private final List<TlsVendor> tls = new ArrayList<>();
    private final Map<String, HttpServer> citrusServers = new LinkedHashMap<>();
    private final Map<String, SwitchableBehaviour> scriptedPeers = new LinkedHashMap<>();
    private final Map<String, String> peerUrls = new LinkedHashMap<>();
    private final Map<String, SwitchableBehaviour> behaviours = new LinkedHashMap<>();
    private final Map<String, ScriptedUpstream> hostOf = new LinkedHashMap<>();

    void scripted(Upstream upstream, HttpHandler behaviour) {
        SwitchableBehaviour switchable = SwitchableBehaviour.startingAs(behaviour);
        scripted.put(upstream, switchable);
        behaviours.put(upstream.id(), switchable);
    }

    void scriptedPeer(String id, HttpHandler behaviour) {
        SwitchableBehaviour switchable = SwitchableBehaviour.startingAs(behaviour);
        scriptedPeers.put(id, switchable);
        behaviours.put(id, switchable);
    }

    void tls(Upstream upstream, HttpHandler behaviour, String subjectAlternativeNames, boolean trusted) {
        tls.add(new TlsVendor(upstream, behaviour, subjectAlternativeNames, trusted));
    }

    void citrus(Upstream upstream) {
        HttpServer server = new HttpServerBuilder()
                .port(FreePorts.next())
                .timeout(CITRUS_SERVER_TIMEOUT_MILLIS)
                .autoStart(true)
                .name(upstream.id())
                .build();
        citrusServers.put(upstream.id(), server);
        upstream.at("http://127.0.0.1:" + server.getPort() + "/v1");
    }

    /**
     * Starts every vendor, handing each to {@code onClose} as it runs, and points the upstreams at
     * them; TLS vendors' key stores and the runtimes' trust store are written under
     * {@code certificates}.
     *
     * @return the JVM options that make the runtimes trust the trusted TLS vendors
     */
    List<String> start(Consumer<AutoCloseable> onClose, Path certificates) {
        if (!scripted.isEmpty() || !scriptedPeers.isEmpty()) {
            ScriptedUpstream host = ScriptedUpstream.start();
            onClose.accept(host);
            scripted.forEach((upstream, behaviour) -> {
                upstream.at(host.endpoint(upstream.id(), behaviour));
                hostOf.put(upstream.id(), host);
            });
            // a runtime forwards to <peer url>/v1/chat/completions
            scriptedPeers.forEach((id, behaviour) -> {
                peerUrls.put(id, host.endpoint(id, behaviour).replaceFirst("/v1$", ""));
                hostOf.put(id, host);
            });
        }
        citrusServers.values().forEach(server -> {
            server.initialize();
            onClose.accept(server::stop);
        });
        return tls.isEmpty() ? List.of() : startTls(onClose, certificates);
    }

    private List<String> startTls(Consumer<AutoCloseable> onClose, Path certificates) {
        List<Path> trusted = new ArrayList<>();
        for (TlsVendor vendor : tls) {
            String id = vendor.upstream().id();
            Path keyStore = SelfSignedCertificate.create(certificates, id, TLS_PASSWORD, vendor.subjectAlternativeNames());
            if (vendor.trusted()) {
                trusted.add(keyStore);
            }
            ScriptedUpstream host = ScriptedUpstream.startTls(keyStore, TLS_PASSWORD.toCharArray());
            onClose.accept(host);
            vendor.upstream().at(host.endpoint(id, vendor.behaviour()));
            hostOf.put(id, host);
        }
        Path trustStore = SelfSignedCertificate.trustStore(certificates, "gateway-trust", TLS_PASSWORD,
                trusted.toArray(Path[]::new));
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + TLS_PASSWORD);
    }

    SwitchableBehaviour behaviour(String id) {
        SwitchableBehaviour behaviour = behaviours.get(id);
        if (behaviour == null) {
            throw new IllegalArgumentException("no scripted vendor for upstream or peer " + id);
        }
        return behaviour;
    }

    /** The base URL of the scripted peer {@code id}, once it runs. */
    String peerUrl(String id) {
        String url = peerUrls.get(id);
        if (url == null) {
            throw new IllegalArgumentException("no started scripted peer " + id);
        }
        return url;
    }

    HttpServer server(String id) {
        HttpServer server = citrusServers.get(id);
        if (server == null) {
            throw new IllegalArgumentException("no Citrus server for upstream " + id);
        }
        return server;
    }

    int calls(String id) {
        return host(id).count(id);
    }

    int calls() {
        return hostOf.values().stream().distinct().mapToInt(ScriptedUpstream::count).sum();
    }

    List<ScriptedUpstream.ReceivedRequest> received(String id) {
        return host(id).received(id);
    }

    private ScriptedUpstream host(String id) {
        ScriptedUpstream host = hostOf.get(id);
        if (host == null) {
            throw new IllegalArgumentException("no started scripted vendor for upstream " + id);
        }
        return host;
    }
}
