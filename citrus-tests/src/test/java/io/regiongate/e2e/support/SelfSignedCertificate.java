package io.regiongate.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS12 key store holding one self-signed certificate for 127.0.0.1 and localhost, made with the
 * JDK's keytool: the key of a scripted TLS vendor, and, given to a gateway as its
 * {@code javax.net.ssl.trustStore}, the only certificate that gateway trusts.
 */
public final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /** Writes {@code <name>.p12} into {@code directory} (replacing it) and returns its path. */
    public static Path create(Path directory, String name, String password) {
        try {
            Files.createDirectories(directory);
            Path store = directory.resolve(name + ".p12");
            Files.deleteIfExists(store);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", name,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", password, "-keypass", password))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return store;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
