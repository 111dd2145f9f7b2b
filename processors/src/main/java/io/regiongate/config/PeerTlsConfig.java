package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mutual TLS to a peer runtime ({@code peers[].tls}), written like {@code listen.tls}: the only CAs
 * the peer's certificate is checked against ({@code trust}: a PEM file of CA certificates, or a
 * PKCS#12 trust store with {@code trust-password-env}), and this runtime's own certificate, presented
 * on every call to the peer, either as PEM files ({@code cert-chain} and {@code key}, the key in
 * PKCS#8) or as a PKCS#12 {@code keystore} whose password is in {@code keystore-password-env}.
 */
public record PeerTlsConfig(
        String trust,
        @JsonProperty("trust-password-env") String trustPasswordEnv,
        @JsonProperty("cert-chain") String certChain,
        String key,
        String keystore,
        @JsonProperty("keystore-password-env") String keystorePasswordEnv) {

    public boolean pem() {
        return certChain != null;
    }
}
