package io.regiongate.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 key stores made with the JDK's keytool: a self-signed certificate per scripted TLS vendor,
 * and a trust store holding some of them, given to a gateway as its {@code javax.net.ssl.trustStore}.
 */
public final class SelfSignedCertificate {

    /** The addresses a vendor on this machine is reached by. */
    public static final String LOOPBACK_NAMES = "ip:127.0.0.1,dns:localhost";

    private SelfSignedCertificate() {
    }

    /** Writes {@code <name>.p12} for 127.0.0.1 and localhost into {@code directory} and returns its path. */
    public static Path create(Path directory, String name, String password) {
        return create(directory, name, password, LOOPBACK_NAMES);
    }

    /** As {@link #create(Path, String, String)}, for the given subject alternative names (keytool's SAN syntax). */
    public static Path create(Path directory, String name, String password, String subjectAlternativeNames) {
        Path store = fresh(directory, name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        return store;
    }

    /** Writes {@code <name>.p12} holding a certificate authority's key and certificate (for {@link #createSignedBy}). */
    public static Path createAuthority(Path directory, String name, String password) {
        Path store = fresh(directory, name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        return store;
    }

    /**
     * Writes {@code <name>.p12} with a key whose certificate {@code authority} signed: valid for two
     * days from now, or, {@code expired}, until a week ago. (A self-signed certificate would not do
     * for expiry: a trusted certificate itself is a trust anchor, and anchors' dates are not checked.)
     */
    public static Path createSignedBy(Path authority, Path directory, String name, String password, boolean expired) {
        return createSignedBy(authority, directory, name, password, expired, null);
    }

    /**
     * As {@link #createSignedBy(Path, Path, String, String, boolean)}, the certificate naming these
     * subject alternative names (keytool's SAN syntax, e.g. {@link #LOOPBACK_NAMES}): a server's, whose
     * host name a client checks. Without them (null), a client's.
     */
    public static Path createSignedBy(Path authority, Path directory, String name, String password, boolean expired,
                                      String subjectAlternativeNames) {
        Path store = fresh(directory, name + ".p12");
        String authorityAlias = authority.getFileName().toString().replace(".p12", "");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password,
                "-keypass", password);
        Path request = fresh(directory, name + ".csr");
        Path signed = fresh(directory, name + "-signed.pem");
        Path authorityCertificate = fresh(directory, authorityAlias + "-ca.pem");
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", password, "-file", request.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", authorityAlias, "-keystore",
                authority.toString(), "-storepass", password, "-infile", request.toString(), "-outfile", signed.toString(),
                "-rfc", "-startdate", expired ? "-10d" : "-1d", "-validity", "3"));
        if (subjectAlternativeNames != null) {
            gencert.addAll(List.of("-ext", "SAN=" + subjectAlternativeNames));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-exportcert", "-rfc", "-alias", authorityAlias, "-keystore", authority.toString(), "-storepass", password,
                "-file", authorityCertificate.toString());
        keytool("-importcert", "-noprompt", "-alias", authorityAlias, "-file", authorityCertificate.toString(),
                "-keystore", store.toString(), "-storepass", password);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", signed.toString(), "-keystore", store.toString(),
                "-storepass", password);
        return store;
    }

    /** Writes {@code <name>.p12} trusting the certificates of these key stores (made by {@link #create}). */
    public static Path trustStore(Path directory, String name, String password, Path... keyStores) {
        Path store = fresh(directory, name + ".p12");
        for (Path keyStore : keyStores) {
            String alias = keyStore.getFileName().toString().replace(".p12", "");
            Path certificate = fresh(directory, alias + ".pem");
            keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", password,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
        }
        return store;
    }

    /** Writes the certificate of an authority made by {@link #createAuthority} as {@code <name>-ca.pem}: a PEM trust file. */
    public static Path authorityPem(Path authority, String password) {
        String alias = authority.getFileName().toString().replace(".p12", "");
        Path certificate = fresh(authority.getParent(), alias + "-ca.pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", authority.toString(), "-storepass", password,
                "-file", certificate.toString());
        return certificate;
    }

    /** A certificate chain and its private key as PEM files (the key unencrypted, PKCS#8). */
    public record PemFiles(Path certChain, Path key) {
    }

    /** Writes the key and certificate chain of {@code store} (made here) as {@code <name>-chain.pem} and {@code <name>-key.pem}. */
    public static PemFiles pem(Path store, String password) {
        String alias = store.getFileName().toString().replace(".p12", "");
        try (java.io.InputStream in = Files.newInputStream(store)) {
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            keys.load(in, password.toCharArray());
            java.util.Base64.Encoder base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder chain = new StringBuilder();
            for (java.security.cert.Certificate certificate : keys.getCertificateChain(alias)) {
                chain.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            String key = "-----BEGIN PRIVATE KEY-----\n"
                    + base64.encodeToString(keys.getKey(alias, password.toCharArray()).getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path chainFile = fresh(store.getParent(), alias + "-chain.pem");
            Path keyFile = fresh(store.getParent(), alias + "-key.pem");
            Files.writeString(chainFile, chain);
            Files.writeString(keyFile, key);
            return new PemFiles(chainFile, keyFile);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + alias + " as PEM", e);
        }
    }

    private static Path fresh(Path directory, String file) {
        try {
            Files.createDirectories(directory);
            Path path = directory.resolve(file);
            Files.deleteIfExists(path);
            return path;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + file, e);
        }
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
