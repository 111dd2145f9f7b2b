package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.SelfSignedCertificate;
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
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS on the API listener, with client certificates required ({@code listen.tls}, PKCS#12, client-auth
 * {@code need}): a client that trusts the gateway's certificate and presents one the gateway trusts
 * gets its answer over TLS; a client without a certificate, with an expired one, or speaking plain
 * HTTP gets no answer at all.
 */
class TlsListenerIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());
    private static final Path CERTIFICATES = Path.of("target", "e2e", "tls-listener-certificates").toAbsolutePath();
    private static final Path GATEWAY_KEYS = SelfSignedCertificate.create(CERTIFICATES, "gateway", PASSWORD);
    private static final Path CLIENT_KEYS = SelfSignedCertificate.create(CERTIFICATES, "client", PASSWORD);
    private static final Path CLIENTS_AUTHORITY = SelfSignedCertificate.createAuthority(CERTIFICATES, "clients-ca", PASSWORD);
    private static final Path SIGNED_CLIENT_KEYS = SelfSignedCertificate.createSignedBy(CLIENTS_AUTHORITY, CERTIFICATES,
            "signed-client", PASSWORD, false);
    private static final Path EXPIRED_CLIENT_KEYS = SelfSignedCertificate.createSignedBy(CLIENTS_AUTHORITY, CERTIFICATES,
            "expired-client", PASSWORD, true);
    /** What the gateway trusts: the client's certificate, and the authority that signed the expired one. */
    private static final Path GATEWAY_TRUST = SelfSignedCertificate.trustStore(CERTIFICATES, "gateway-trust", PASSWORD,
            CLIENT_KEYS, CLIENTS_AUTHORITY);
    private static final Path CLIENT_TRUST = SelfSignedCertificate.trustStore(CERTIFICATES, "client-trust", PASSWORD,
            GATEWAY_KEYS);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("tls-listener")
            .tenant(TENANT)
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "over TLS")
            .environment("GATEWAY_KEYSTORE_PASSWORD", PASSWORD)
            .environment("GATEWAY_TRUST_PASSWORD", PASSWORD)
            .configure(config -> config.listenOption("tls", "{keystore: \"" + GATEWAY_KEYS + "\", keystore-password-env: "
                    + "GATEWAY_KEYSTORE_PASSWORD, client-auth: need, trust: \"" + GATEWAY_TRUST + "\", trust-password-env: "
                    + "GATEWAY_TRUST_PASSWORD}"));

    @Test
    void aClientThatTrustsTheGatewayAndPresentsATrustedCertificateGetsItsAnswer() throws Exception {
        HttpResponse<String> answer = post(client(CLIENT_KEYS), https());
        HttpResponse<String> signedByTheAuthority = post(client(SIGNED_CLIENT_KEYS), https());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("over TLS");
        assertThat(signedByTheAuthority.statusCode()).as("a certificate the trusted authority signed, in its dates")
                .isEqualTo(200);
    }

    @Test
    void aClientWithoutACertificateOrWithAnExpiredOneGetsNoAnswer() throws Exception {
        assertThatThrownBy(() -> post(client(null), https())).as("no client certificate").isInstanceOf(IOException.class);
        // the same authority's certificate in its dates is accepted (above): only the expiry refuses this one
        assertThatThrownBy(() -> post(client(EXPIRED_CLIENT_KEYS), https())).as("an expired client certificate")
                .isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> post(plain, URI.create(deployment.gateway().baseUrl() + "/v1/chat/completions")))
                .isInstanceOf(IOException.class);
    }

    private static URI https() {
        return URI.create("https://127.0.0.1:" + deployment.gateway().port() + "/v1/chat/completions");
    }

    private static HttpResponse<String> post(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", TENANT.bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VendorReplies.chatRequest("gpt-4o", "hello", false))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A client trusting the gateway's certificate, presenting the certificate in {@code keys} (none when null). */
    private static HttpClient client(Path keys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(CLIENT_TRUST));
        KeyManagerFactory keyManagers = null;
        if (keys != null) {
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(load(keys), PASSWORD.toCharArray());
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
