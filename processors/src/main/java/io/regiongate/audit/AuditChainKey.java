package io.regiongate.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The region's audit chain secret ({@code audit.chain-key-env}) and the keys derived from it:
 * <ul>
 *   <li>the <b>chain key</b>, {@code HMAC-SHA256(secret, "regiongate-audit-chain-v1")}: each
 *       record's {@code chain.hash} is {@code HMAC-SHA256(chain key, JCS(record without chain.hash))},
 *       so whoever can write the trail but does not hold the secret cannot recompute the links
 *       after an edit;</li>
 *   <li>the <b>content key</b>, {@code HMAC-SHA256(secret, "regiongate-audit-content-v1")}: the
 *       prompt and completion digests a record keeps are {@code HMAC-SHA256(content key, hex SHA-256
 *       of the content)}, so a short prompt cannot be confirmed by hashing guesses;</li>
 *   <li>the <b>key id</b>, the first 16 hex digits of {@code HMAC-SHA256(secret,
 *       "regiongate-audit-key-id-v1")}: written in each record ({@code chain.key}) so that the
 *       verifier knows which secret a record needs, across rotations.</li>
 * </ul>
 * The secret is the environment variable's value as UTF-8 bytes, at least
 * {@value #MIN_SECRET_CHARS} characters. Thread-safe.
 */
public final class AuditChainKey {

    /** {@code chain.alg} of a keyed record. */
    public static final String ALGORITHM = "hmac-sha256";
    /** The fewest characters a chain secret may have. */
    public static final int MIN_SECRET_CHARS = 32;

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec chainKey;
    private final SecretKeySpec contentKey;
    private final String keyId;

    private AuditChainKey(byte[] secret) {
        this.chainKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, HMAC), "regiongate-audit-chain-v1"), HMAC);
        this.contentKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, HMAC), "regiongate-audit-content-v1"), HMAC);
        this.keyId = HexFormat.of().formatHex(hmac(new SecretKeySpec(secret, HMAC), "regiongate-audit-key-id-v1"))
                .substring(0, 16);
    }

    /** @throws IllegalArgumentException when the secret is missing or shorter than {@value #MIN_SECRET_CHARS} characters */
    public static AuditChainKey of(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("an audit chain secret needs at least " + MIN_SECRET_CHARS + " characters");
        }
        return new AuditChainKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Names the secret in records ({@code chain.key}) without disclosing it. */
    public String keyId() {
        return keyId;
    }

    /** The link of a record: HMAC of its canonical form (without {@code chain.hash}), lower-case hex. */
    public String chainHmac(String canonical) {
        return HexFormat.of().formatHex(hmac(chainKey, canonical));
    }

    /** A content digest kept in a record: HMAC of the content's SHA-256 (hex), lower-case hex. */
    public String contentHmac(String sha256Hex) {
        return sha256Hex == null ? null : HexFormat.of().formatHex(hmac(contentKey, sha256Hex));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "audit chain key " + keyId;
    }
}
