package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * TLS on the API listener (TLS 1.2 and 1.3 only): the server's certificate either as PEM files
 * ({@code cert-chain} and {@code key}) or as a PKCS#12 {@code keystore} whose password is in the
 * environment variable {@code keystore-password-env}; optionally client certificates
 * ({@code client-auth}: {@code none}, {@code want} or {@code need}) checked against {@code trust}
 * (a PEM file of CA certificates, or a PKCS#12 trust store with {@code trust-password-env}).
 */
public record ListenTlsConfig(
        @JsonProperty("cert-chain") String certChain,
        String key,
        String keystore,
        @JsonProperty("keystore-password-env") String keystorePasswordEnv,
        @JsonProperty("client-auth") ClientAuth clientAuth,
        String trust,
        @JsonProperty("trust-password-env") String trustPasswordEnv) {

    /** Whether the listener asks for client certificates. */
    public enum ClientAuth {
        @JsonProperty("none") NONE,
        @JsonProperty("want") WANT,
        @JsonProperty("need") NEED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ListenTlsConfig {
        clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    }

    public boolean pem() {
        return certChain != null;
    }

    /** A PKCS#12 file, by its name's ending; else PEM. */
    public static boolean pkcs12(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".p12") || lower.endsWith(".pfx");
    }
}
