package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SelfSignedCertificate;
import io.regiongate.e2e.support.SelfSignedCertificate.PemFiles;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runtimes that call each other over mutual TLS ({@code peers[].tls}; every listener {@code listen.tls}
 * with {@code client-auth: need}, trusting the deployment's CA): failover and pinning work as over
 * plain links, whole answers (camel-http) and streams (the Vert.x client) alike, each call presenting
 * the calling runtime's certificate. A third runtime, {@code eu-central-1}, holds certificates of
 * another authority: the EU runtime refuses to call it (its certificate does not chain to the link's
 * CA), and it cannot call the EU runtime (its client certificate is refused in the handshake). Both
 * count as the calling runtime's failed peer call ({@code tls-error} in the answer's hops and the
 * record), never as the tenant's fault, and nothing reaches the other side's vendor.
 */
class PeerMutualTlsIT {

    private static final String IMPOSTOR = "eu-central-1";
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());
    private static final Path CERTIFICATES = Path.of("target", "e2e", "peer-mtls-certificates").toAbsolutePath();
    private static final Path AUTHORITY = SelfSignedCertificate.createAuthority(CERTIFICATES, "deployment-ca", PASSWORD);
    private static final Path AUTHORITY_PEM = SelfSignedCertificate.authorityPem(AUTHORITY, PASSWORD);
    private static final Path OTHER_AUTHORITY = SelfSignedCertificate.createAuthority(CERTIFICATES, "other-ca", PASSWORD);
    private static final Path OTHER_AUTHORITY_PEM = SelfSignedCertificate.authorityPem(OTHER_AUTHORITY, PASSWORD);
    /** The EU runtime's certificate, given to it as PEM files. */
    private static final PemFiles EU_KEYS = SelfSignedCertificate.pem(SelfSignedCertificate.createSignedBy(AUTHORITY,
            CERTIFICATES, "eu-runtime", PASSWORD, false, SelfSignedCertificate.LOOPBACK_NAMES), PASSWORD);
    /** The US runtime's, as PKCS#12. */
    private static final Path US_KEYS = SelfSignedCertificate.createSignedBy(AUTHORITY, CERTIFICATES, "us-runtime",
            PASSWORD, false, SelfSignedCertificate.LOOPBACK_NAMES);
    private static final Path IMPOSTOR_KEYS = SelfSignedCertificate.createSignedBy(OTHER_AUTHORITY, CERTIFICATES,
            "impostor-runtime", PASSWORD, false, SelfSignedCertificate.LOOPBACK_NAMES);
    private static final Path TENANT_KEYS = SelfSignedCertificate.createSignedBy(AUTHORITY, CERTIFICATES, "tenant-client",
            PASSWORD, false);
    private static final List<String> EU_EVENTS =
            VendorReplies.streamEvents("chatcmpl-eu-stream", List.of("Streamed", "over", "mutual", "TLS"));

    @RegisterExtension
    static final Deployment deployment = Deployment.named("peer-mtls")
            .runtime(EU, EU).runtime(US, US).runtime(IMPOSTOR, IMPOSTOR)
            .peersOverTls()
            .peering(US, EU)
            .peering(EU, US).peering(EU, IMPOSTOR)
            .peering(IMPOSTOR, EU)
            .tenant(GLOBEX_US, "allowed")
            .tenant(ACME_EU, "never")
            .circuitBreaker("default", BreakerSettings.lenient())
            // its probes pass (GET), its chat completions fail: the US tenant's requests fail over to the EU
            .upstream(Upstream.openAi("us-primary", US).probePath("/chat/completions"), exchange -> ("GET".equals(exchange.getRequestMethod())
                    ? VendorReplies.completes("models", "probe") : VendorReplies.fails(500)).handle(exchange))
            .upstream(Upstream.openAi("eu-primary", EU), ScriptedUpstream.byStreamFlag(
                    VendorReplies.completes("chatcmpl-eu", "served in the EU over mutual TLS"),
                    ScriptedUpstream.streaming(EU_EVENTS)))
            .upstream(Upstream.openAi("impostor-primary", IMPOSTOR), VendorReplies.fails(500))
            .environment("US_KEYS_PASSWORD", PASSWORD)
            .only(EU, config -> config
                    .listenOption("tls", "{cert-chain: \"" + EU_KEYS.certChain() + "\", key: \"" + EU_KEYS.key()
                            + "\", client-auth: need, trust: \"" + AUTHORITY_PEM + "\"}")
                    .peerTls("{trust: \"" + AUTHORITY_PEM + "\", cert-chain: \"" + EU_KEYS.certChain() + "\", key: \""
                            + EU_KEYS.key() + "\"}"))
            .only(US, config -> config
                    .listenOption("tls", "{keystore: \"" + US_KEYS + "\", keystore-password-env: US_KEYS_PASSWORD, "
                            + "client-auth: need, trust: \"" + AUTHORITY_PEM + "\"}")
                    .peerTls("{trust: \"" + AUTHORITY_PEM + "\", keystore: \"" + US_KEYS + "\", keystore-password-env: "
                            + "US_KEYS_PASSWORD}")
                    // the US prober asks the EU runtime's readiness over mutual TLS too
                    .probes("{interval: 500ms, unhealthy-after: 2, healthy-after: 1}"))
            .only(IMPOSTOR, config -> config
                    .listenOption("tls", "{keystore: \"" + IMPOSTOR_KEYS + "\", keystore-password-env: US_KEYS_PASSWORD}")
                    // it trusts the EU runtime's certificate; the EU runtime does not trust its own
                    .peerTls("{trust: \"" + AUTHORITY_PEM + "\", keystore: \"" + IMPOSTOR_KEYS + "\", "
                            + "keystore-password-env: US_KEYS_PASSWORD}"));

    @Test
    void aUsTenantFailsOverToTheEuRuntimeOverMutualTlsWholeAndStreamed() throws Exception {
        HttpResponse<String> whole = post(US, GLOBEX_US, false);
        HttpResponse<String> streamed = post(US, GLOBEX_US, true);

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(whole.body()).contains("served in the EU over mutual TLS");
        assertThat(header(whole, "X-RegionGate-Region")).isEqualTo(EU);
        assertThat(header(whole, "X-RegionGate-Failover")).isEqualTo("us-primary:http-500>peer-eu-west-1:ok");
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.body()).contains("Streamed").contains("mutual").contains("data: [DONE]");
        assertThat(header(streamed, "X-RegionGate-Failover")).isEqualTo("us-primary:http-500>peer-eu-west-1:ok");
    }

    @Test
    void anEuTenantSentToTheUsRuntimeIsPinnedToTheEuRuntimeOverMutualTls() throws Exception {
        HttpResponse<String> whole = post(US, ACME_EU, false);
        HttpResponse<String> streamed = post(US, ACME_EU, true);

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(header(whole, "X-RegionGate-Region")).isEqualTo(EU);
        assertThat(header(whole, "X-RegionGate-Upstream")).isEqualTo("eu-primary");
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(header(streamed, "X-RegionGate-Region")).isEqualTo(EU);
        assertThat(streamed.body()).contains("TLS").contains("data: [DONE]");
        assertThat(deployment.received("us-primary")).as("the US vendor never sees an EU tenant's prompt")
                .noneMatch(request -> "POST".equals(request.method()));
    }

    @Test
    void theUsProberFindsTheEuRuntimeHealthyOverMutualTls() {
        Poll.require(Duration.ofSeconds(20), () -> "healthy".equals(euPeerProbe()),
                () -> "the US runtime's probe of its EU peer says " + euPeerProbe());
    }

    /** The probe state of the US runtime's EU peer, from its detailed readiness on the admin listener. */
    private static String euPeerProbe() {
        try {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    deployment.us().adminUri("/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(ready.body()).path("peers").get(0).path("probe").asText();
        } catch (IOException e) {
            return String.valueOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPeerWhoseCertificateAnotherAuthoritySignedIsNotCalledAndCountsAsItsFailure() throws Exception {
        deployment.vendor("eu-primary").become(VendorReplies.fails(500));
        int impostorCallsBefore = deployment.calls("impostor-primary");
        try {
            HttpResponse<String> answer = post(EU, ACME_EU, false);

            assertThat(answer.statusCode()).as(answer.body()).isBetween(500, 599);
            assertThat(answer.body()).doesNotContain("invalid_api_key");
            assertThat(header(answer, "X-RegionGate-Failover")).isEqualTo("eu-primary:http-500>peer-eu-central-1:tls-error");
            assertThat(deployment.calls("impostor-primary")).as("calls the impostor's vendor received")
                    .isEqualTo(impostorCallsBefore);
            Poll.require(Duration.ofSeconds(10), () -> !deployment.eu().filesContaining("\"peer-eu-central-1:tls-error\"").isEmpty(),
                    () -> "the EU trail does not record the refused peer");
        } finally {
            deployment.vendor("eu-primary").become(ScriptedUpstream.byStreamFlag(
                    VendorReplies.completes("chatcmpl-eu", "served in the EU over mutual TLS"),
                    ScriptedUpstream.streaming(EU_EVENTS)));
        }
    }

    @Test
    void aCallerPresentingACertificateOfAnotherAuthorityIsRefusedInTheHandshake() throws Exception {
        int euCallsBefore = deployment.calls("eu-primary");

        HttpResponse<String> answer = post(IMPOSTOR, ACME_EU, false);

        assertThat(answer.statusCode()).as(answer.body()).isBetween(500, 599);
        // in TLS 1.3 the caller has sent its Finished before the EU runtime refuses its certificate: it
        // learns of the refusal as the alert (tls-error) or, when the connection is reset first, as a
        // broken connection (connect-error); either way the peer call failed, never the tenant's request
        assertThat(header(answer, "X-RegionGate-Failover"))
                .matches("impostor-primary:http-500>peer-eu-west-1:(tls-error|connect-error)");
        assertThat(answer.body()).doesNotContain("peer_authentication_failed").doesNotContain("invalid_api_key");
        assertThat(deployment.calls("eu-primary")).as("calls the EU vendor received").isEqualTo(euCallsBefore);
        Poll.require(Duration.ofSeconds(10),
                () -> !deployment.gateway(IMPOSTOR).filesContaining("\"peer-eu-west-1:tls-error\"").isEmpty()
                        || !deployment.gateway(IMPOSTOR).filesContaining("\"peer-eu-west-1:connect-error\"").isEmpty(),
                () -> "the eu-central-1 trail does not record its failed peer call");
        assertThat(deployment.eu().filesContaining("\"forwarded_by\":{\"region\":\"eu-central-1\""))
                .as("EU records of a forward from eu-central-1").isEmpty();
    }

    private static HttpResponse<String> post(String runtime, TestTenant tenant, boolean stream)
            throws IOException, InterruptedException {
        URI uri = URI.create("https://127.0.0.1:" + deployment.gateway(runtime).port() + "/v1/chat/completions");
        return client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", tenant.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VendorReplies.chatRequest("gpt-4o", "over mutual TLS", stream)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** A tenant's client: a certificate the deployment's CA signed; it trusts both authorities' runtimes. */
    private static HttpClient client() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            for (Path pem : List.of(AUTHORITY_PEM, OTHER_AUTHORITY_PEM)) {
                try (InputStream in = Files.newInputStream(pem)) {
                    trusted.setCertificateEntry(pem.getFileName().toString(), certificates.generateCertificate(in));
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyStore own = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(TENANT_KEYS)) {
                own.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30))
                    .version(HttpClient.Version.HTTP_1_1).build();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the tenant's TLS client", e);
        }
    }
}
