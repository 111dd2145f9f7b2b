package io.regiongate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;

/** The audit checkpoints' Ed25519 key of a scenario, and its public key as an auditor gets it. */
public final class AuditSigningKeys {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private AuditSigningKeys() {
    }

    /** A new Ed25519 private key in PEM (PKCS#8), as {@code openssl genpkey -algorithm ed25519 -out FILE} makes one. */
    public static Path generate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes to {@code file} the public key {@code audit public-key --signing-key-file KEY} prints. */
    public static Path publicKey(Path signingKey, Path file) {
        GatewayProcess.CommandResult printed = GatewayProcess.runCommand(Duration.ofSeconds(30),
                "audit", "public-key", "--signing-key-file", signingKey.toString());
        String text = printed.output();
        if (printed.exitCode() != 0 || !text.contains(BEGIN) || !text.contains(END)) {
            throw new IllegalStateException("audit public-key failed: " + text);
        }
        try {
            return Files.writeString(file, text.substring(text.indexOf(BEGIN), text.indexOf(END) + END.length()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
