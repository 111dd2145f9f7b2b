package io.regiongate.tls;

import io.regiongate.config.ListenTlsConfig;
import io.regiongate.config.PeerTlsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS identity of this runtime towards one peer, loaded once from {@code peers[].tls}: its own
 * certificate and key, presented on every call, and the only CAs the peer's certificate may chain to
 * (never the JVM's trust store). Both HTTP clients that call a peer take it from here: camel-http (whole
 * answers) as an {@link SSLContext}, Vert.x (streams, probes) as the same key and trust entries in
 * PKCS#12 form (in memory, under a password made at start). TLS 1.2 and 1.3 only; the peer's host name is checked by each client against its certificate.
 */
public final class ClientTls {

    /** The protocols a peer link may speak. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS");

    private final SSLContext context;
    /** The same material as PKCS#12 under a password made at start, for Vert.x's own TLS engine set-up. */
    private final Buffer ownStore;
    private final Buffer trustStore;
    private final String storePassword;

    private ClientTls(KeyStore own, char[] ownPassword, KeyStore trusted) throws GeneralSecurityException, IOException {
        storePassword = UUID.randomUUID().toString();
        KeyStore keys = emptyStore();
        for (String alias : Collections.list(own.aliases())) {
            if (own.isKeyEntry(alias)) {
                keys.setKeyEntry(alias, own.getKey(alias, ownPassword), storePassword.toCharArray(),
                        own.getCertificateChain(alias));
            }
        }
        if (keys.size() == 0) {
            throw new KeyStoreException("it holds no private key");
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, storePassword.toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        ownStore = bytes(keys, storePassword);
        trustStore = bytes(trusted, storePassword);
    }

    private static Buffer bytes(KeyStore store, String password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return Buffer.buffer(out.toByteArray());
    }

    /**
     * Loads a peer link's TLS material.
     *
     * @throws TlsMaterialException naming the key (within {@code tls}) whose file or password does not do
     */
    public static ClientTls load(PeerTlsConfig config, Function<String, String> environment) throws TlsMaterialException {
        if (config.trust() == null) {
            throw new TlsMaterialException("trust", "required: the CA certificates the peer's certificate must chain to "
                    + "(the JVM's trust store is not used for a peer link)");
        }
        if (config.pem() == (config.keystore() != null)) {
            throw new TlsMaterialException("", "give this runtime's certificate either as cert-chain and key (PEM) or as "
                    + "keystore (PKCS#12)");
        }
        KeyStore own = config.pem()
                ? pemKeyStore(config.certChain(), config.key())
                : pkcs12(config.keystore(), "keystore", password(config.keystorePasswordEnv(), "keystore-password-env",
                        environment));
        char[] ownPassword = config.pem() ? new char[0] : password(config.keystorePasswordEnv(), "keystore-password-env",
                environment);
        KeyStore trusted = ListenTlsConfig.pkcs12(config.trust())
                ? pkcs12(config.trust(), "trust", password(config.trustPasswordEnv(), "trust-password-env", environment))
                : pemTrust(config.trust());
        try {
            return new ClientTls(own, ownPassword, trusted);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(config.pem() ? "key" : "keystore", "cannot be used: " + e.getMessage(), e);
        }
    }

    /** For camel-http: this runtime's certificate, and only the configured CAs. */
    public SSLContext sslContext() {
        return context;
    }

    /**
     * For Vert.x clients: TLS 1.2/1.3 with the same key and trust managers, and the peer's host name
     * checked against its certificate.
     */
    public HttpClientOptions applyTo(HttpClientOptions options) {
        options.setSsl(true)
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(PROTOCOLS))
                .setKeyCertOptions(new PfxOptions().setValue(ownStore).setPassword(storePassword))
                .setTrustOptions(new PfxOptions().setValue(trustStore).setPassword(storePassword));
        return options.setVerifyHost(true);
    }

    private static char[] password(String variable, String key, Function<String, String> environment)
            throws TlsMaterialException {
        if (variable == null || variable.isBlank()) {
            throw new TlsMaterialException(key, "name the environment variable that holds the password");
        }
        String value = environment.apply(variable);
        if (value == null) {
            throw new TlsMaterialException(key, "environment variable " + variable + " is not set");
        }
        return value.toCharArray();
    }

    private static KeyStore pkcs12(String file, String key, char[] password) throws TlsMaterialException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || e.getMessage() != null
                    && e.getMessage().contains("password")) {
                throw new TlsMaterialException(key + "-password-env", "the password does not open " + file, e);
            }
            throw new TlsMaterialException(key, "cannot read " + file + " as PKCS#12: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(key, "cannot read " + file + " as PKCS#12: " + e.getMessage(), e);
        }
    }

    private static KeyStore pemKeyStore(String chainFile, String keyFile) throws TlsMaterialException {
        if (keyFile == null) {
            throw new TlsMaterialException("key", "the PEM private key file is required with cert-chain");
        }
        Collection<? extends Certificate> chain = certificates(chainFile, "cert-chain");
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("own", key, new char[0], chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("key", "does not go with the certificate chain: " + e.getMessage(), e);
        }
    }

    private static KeyStore pemTrust(String file) throws TlsMaterialException {
        Collection<? extends Certificate> authorities = certificates(file, "trust");
        try {
            KeyStore store = emptyStore();
            int n = 0;
            for (Certificate authority : authorities) {
                store.setCertificateEntry("ca-" + n++, authority);
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("trust", "cannot be used: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String file, String key) throws TlsMaterialException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new TlsMaterialException(key, file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsMaterialException(key, "cannot read " + file + " as PEM certificates: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String file) throws TlsMaterialException {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsMaterialException("key", "cannot read " + file, e);
        }
        Matcher pem = PEM_PRIVATE_KEY.matcher(text);
        if (!pem.find()) {
            throw new TlsMaterialException("key", file + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); "
                    + "convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new TlsMaterialException("key", file + " holds a key of an algorithm this runtime cannot use");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
