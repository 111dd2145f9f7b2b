package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.regiongate.tls.ClientTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS to a peer ({@code peers[].tls}) is refused at start, naming the key, when it could not
 * work: a file that is not there, a password that does not open the key store, an unset password
 * variable, a key in a form it cannot read, an {@code http://} URL. Material that works loads,
 * PKCS#12 and PEM alike.
 */
class PeerTlsConfigTest {

    private static final String PASSWORD = "peer-store-password";
    private static final String BASE = """
            region: eu-west-1
            zones:
              eu: [eu-west-1]
              us: [us-east-1]
            upstreams:
              - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o]}
            tenants:
              - {id: t, api-key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, home-zone: eu}
            """;

    @TempDir
    Path dir;

    private String peer(String url, String tls) {
        return BASE + "peers:\n  - {region: us-east-1, url: \"" + url + "\", secret-env: LINK_SECRET, tls: " + tls + "}\n";
    }

    private ConfigException refusalOf(String yaml, Map<String, String> environment) {
        Map<String, String> withSecret = new java.util.HashMap<>(environment);
        withSecret.put("LINK_SECRET", ConfigFixtures.PEER_SECRET);
        return ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", yaml), withSecret);
    }

    @Test
    void refusesAMissingTrustFileAndAMissingKeyStoreNamingEachKey() {
        ConfigException refusal = refusalOf(peer("https://us.internal:8443", "{trust: " + dir.resolve("no-ca.pem")
                + ", keystore: " + dir.resolve("no.p12") + ", keystore-password-env: P}"), Map.of("P", PASSWORD));

        assertThat(refusal).hasMessageContaining("peers[0].tls.keystore: cannot read " + dir.resolve("no.p12"));
        Path keystore = keyStore("eu-runtime");
        assertThat(refusalOf(peer("https://us.internal:8443", "{trust: " + dir.resolve("no-ca.pem") + ", keystore: "
                + keystore + ", keystore-password-env: P}"), Map.of("P", PASSWORD)))
                .hasMessageContaining("peers[0].tls.trust: cannot read " + dir.resolve("no-ca.pem"));
    }

    @Test
    void refusesAPasswordThatDoesNotOpenTheKeyStoreAndAnUnsetVariable() {
        Path keystore = keyStore("eu-runtime");
        Path trust = certificatePem("eu-runtime", keystore);
        String tls = "{trust: " + trust + ", keystore: " + keystore + ", keystore-password-env: PEER_TLS_PASSWORD}";

        assertThat(refusalOf(peer("https://us.internal:8443", tls), Map.of("PEER_TLS_PASSWORD", "not-" + PASSWORD)))
                .hasMessageContaining("peers[0].tls.keystore-password-env: the password does not open " + keystore);
        assertThat(refusalOf(peer("https://us.internal:8443", tls), Map.of()))
                .hasMessageContaining("peers[0].tls.keystore-password-env: environment variable PEER_TLS_PASSWORD is not set");
    }

    @Test
    void refusesAKeyThatIsNotPkcs8PemTrustWithoutCertificatesAndAnHttpUrl() {
        Path keystore = keyStore("eu-runtime");
        Path chain = certificatePem("eu-runtime", keystore);
        Path rsaKey = ConfigFixtures.write(dir, "key.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        ConfigException refusal = refusalOf(peer("http://us.internal:8080", "{trust: " + rsaKey + ", cert-chain: " + chain
                + ", key: " + rsaKey + "}"), Map.of());

        assertThat(refusal).hasMessageContaining("peers[0].tls: mutual TLS needs an https:// url")
                .hasMessageContaining("peers[0].tls.key: " + rsaKey + " holds no unencrypted PKCS#8 key");
        assertThat(refusalOf(peer("https://us.internal:8443", "{trust: " + rsaKey + ", cert-chain: " + chain + ", key: "
                + pkcs8Pem("eu-runtime", keystore) + "}"), Map.of()))
                .hasMessageContaining("peers[0].tls.trust: cannot read " + rsaKey + " as PEM certificates");
    }

    @Test
    void loadsPkcs12AndPemMaterialAlike() throws Exception {
        Path keystore = keyStore("eu-runtime");
        Path pem = certificatePem("eu-runtime", keystore);
        Path key = pkcs8Pem("eu-runtime", keystore);
        Path file = ConfigFixtures.write(dir, "ok.yaml", peer("https://us.internal:8443", "{trust: " + pem
                + ", keystore: " + keystore + ", keystore-password-env: P}"));
        Map<String, String> environment = Map.of("P", PASSWORD, "LINK_SECRET", ConfigFixtures.PEER_SECRET);

        GatewayConfig config = ConfigFixtures.load(file, environment);

        assertThatNoException().isThrownBy(() -> ClientTls.load(config.peers().get(0).tls(), environment::get));
        ClientTls fromPem = ClientTls.load(new PeerTlsConfig(pem.toString(), null, pem.toString(), key.toString(), null, null),
                Map.<String, String>of()::get);
        assertThat(fromPem.sslContext().getProtocol()).isEqualTo("TLS");
    }

    private Path keyStore(String name) {
        Path store = dir.resolve(name + ".p12");
        if (!Files.exists(store)) {
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-keypass", PASSWORD);
        }
        return store;
    }

    private Path certificatePem(String name, Path store) {
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        return pem;
    }

    private Path pkcs8Pem(String name, Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            String body = Base64.getMimeEncoder().encodeToString(keys.getKey(name, PASSWORD.toCharArray()).getEncoded());
            return ConfigFixtures.write(dir, name + "-key.pem", "-----BEGIN PRIVATE KEY-----\n" + body
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
