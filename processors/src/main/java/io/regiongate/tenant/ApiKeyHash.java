package io.regiongate.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of an API key: the only form in which keys are held. */
public final class ApiKeyHash {

    private ApiKeyHash() {
    }

    public static byte[] sha256(String apiKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String sha256Hex(String apiKey) {
        return HexFormat.of().formatHex(sha256(apiKey));
    }
}
