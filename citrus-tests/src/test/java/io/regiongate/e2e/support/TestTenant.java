package io.regiongate.e2e.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A tenant of the gateway under test: its id and the plaintext key the client sends. The
 * configuration only ever holds the key's SHA-256.
 */
public record TestTenant(String id, String homeZone, String apiKey) {

    /** An EU tenant with a fresh random key. */
    public static TestTenant acmeEu() {
        return new TestTenant("acme-eu", "eu", "rg-test-acme-eu-" + UUID.randomUUID());
    }

    /** A tenant homed in {@code homeZone} with a fresh random key. */
    public static TestTenant of(String id, String homeZone) {
        return new TestTenant(id, homeZone, "rg-test-" + id + "-" + UUID.randomUUID());
    }

    public String apiKeySha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String bearer() {
        return "Bearer " + apiKey;
    }
}
