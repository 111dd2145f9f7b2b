package io.regiongate.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ed25519 public keys an auditor checks checkpoints with (PEM {@code PUBLIC KEY}, as
 * {@code regiongate audit public-key} or {@code openssl pkey -pubout} print them), by key id.
 */
public final class AuditPublicKeys {

    private final Map<String, PublicKey> byId;

    private AuditPublicKeys(Map<String, PublicKey> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static AuditPublicKeys none() {
        return new AuditPublicKeys(Map.of());
    }

    public static AuditPublicKeys of(List<PublicKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(keyIdOf(key), key));
        return new AuditPublicKeys(byId);
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static PublicKey load(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY",
                    file.toString())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public Optional<PublicKey> byId(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** Whether {@code signatureBase64} is the key's Ed25519 signature of the text's UTF-8 bytes. */
    public static boolean verifies(PublicKey key, String text, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The first 16 hex digits of the SHA-256 of the key's X.509 (SubjectPublicKeyInfo) form. */
    public static String keyIdOf(PublicKey key) {
        return AuditJson.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static byte[] pemBody(String pem, String label, String source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(source + " holds no PEM '" + label + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the PEM '" + label + "' block is not base64", e);
        }
    }

    @Override
    public String toString() {
        return "public keys " + byId.keySet();
    }
}
