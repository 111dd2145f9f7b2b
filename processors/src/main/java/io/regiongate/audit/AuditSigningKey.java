package io.regiongate.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key the audit writer signs its checkpoints with ({@code audit.signing-key-file}: PEM,
 * PKCS#8, as {@code openssl genpkey -algorithm ed25519} writes it). Its public key
 * ({@link #publicKeyPem}) is all an auditor needs to check the checkpoints ({@link AuditPublicKeys}).
 * Thread-safe.
 */
public final class AuditSigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = AuditPublicKeys.keyIdOf(publicKey);
    }

    /** @throws IllegalArgumentException naming what is wrong with the file */
    public static AuditSigningKey load(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromPem(pem, file.toString());
    }

    /** @param source names the key in messages */
    public static AuditSigningKey fromPem(String pem, String source) {
        byte[] der = AuditPublicKeys.pemBody(pem, "PRIVATE KEY", source);
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new AuditSigningKey(key, publicKeyOf((EdECPrivateKey) key));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not an Ed25519 private key in PKCS#8 (make one with "
                    + "'openssl genpkey -algorithm ed25519 -out FILE'): " + e.getMessage(), e);
        }
    }

    /**
     * The public key of a private key. Java 17 has no call for it; an Ed25519 key pair is made from
     * 32 random bytes, so generating a pair from a source that yields the private key's bytes
     * gives its public key (RFC 8032, 5.1.5).
     */
    private static PublicKey publicKeyOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("the private key's bytes are hidden"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        KeyPair pair = generator.generateKeyPair();
        return pair.getPublic();
    }

    /** The first 16 hex digits of the SHA-256 of the public key (X.509 form): named by each checkpoint. */
    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), as {@code openssl pkey -pubout} writes it. */
    public String publicKeyPem() {
        return AuditPublicKeys.pem(publicKey);
    }

    /** Ed25519 signature of the text's UTF-8 bytes, base64. */
    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
