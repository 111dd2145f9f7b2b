package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the listener is refused at start when it could not work: missing parts, files, passwords. */
class ListenTlsConfigTest {

    private static final String BASE = """
            region: eu-west-1
            zones:
              eu: [eu-west-1]
            upstreams:
              - {id: eu-sim, region: eu-west-1, type: simulated, models: [gpt-4o]}
            tenants:
              - {id: t, api-key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, home-zone: eu}
            """;

    @TempDir
    Path dir;

    private ConfigException refusalOf(String listen, Map<String, String> environment) {
        return ConfigFixtures.refusal(ConfigFixtures.write(dir, "regiongate.yaml", BASE + listen), environment);
    }

    @Test
    void refusesACertificateWithoutItsKeyAFileThatIsNotThereAndClientAuthWithoutCas() {
        Path chain = ConfigFixtures.write(dir, "chain.pem", "not checked here");

        ConfigException refusal = refusalOf("listen: {tls: {cert-chain: " + chain + ", client-auth: need}}\n", Map.of());

        assertThat(refusal).hasMessageContaining("listen.tls.key: the PEM private key file is required")
                .hasMessageContaining("listen.tls.trust: client-auth need needs the CA certificates");
        assertThat(refusalOf("listen: {tls: {cert-chain: " + dir.resolve("missing.pem") + ", key: "
                + chain + "}}\n", Map.of())).hasMessageContaining("listen.tls.cert-chain: cannot read");
    }

    @Test
    void refusesAKeystoreWhosePasswordVariableIsNotSetAndBothKindsAtOnce() {
        Path keystore = ConfigFixtures.write(dir, "server.p12", "x");
        Path chain = ConfigFixtures.write(dir, "chain.pem", "x");

        assertThat(refusalOf("listen: {tls: {keystore: " + keystore + ", keystore-password-env: TLS_PASSWORD}}\n",
                Map.of())).hasMessageContaining("listen.tls.keystore-password-env: environment variable TLS_PASSWORD is not set");
        assertThat(refusalOf("listen: {tls: {keystore: " + keystore + ", keystore-password-env: TLS_PASSWORD, cert-chain: "
                + chain + ", key: " + chain + "}}\n", Map.of("TLS_PASSWORD", "p")))
                .hasMessageContaining("listen.tls: give either cert-chain and key (PEM) or keystore (PKCS#12)");
    }

    @Test
    void refusesAnUnknownClientAuthMode() {
        Path keystore = ConfigFixtures.write(dir, "server.p12", "x");

        assertThat(refusalOf("listen: {tls: {keystore: " + keystore + ", keystore-password-env: P, client-auth: maybe}}\n",
                Map.of("P", "p"))).hasMessageContaining("listen.tls.client-auth: 'maybe' is not valid here");
    }
}
