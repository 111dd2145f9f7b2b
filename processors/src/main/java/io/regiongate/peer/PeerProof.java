package io.regiongate.peer;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof a runtime attaches to a request it forwards to a peer, in
 * {@code X-RegionGate-Peer-Signature: t=<epoch seconds>,v1=<64 hex>}: HMAC-SHA256, under the link's
 * shared secret, of the method, the path, the SHA-256 of the body, the time, the forwarding region
 * and the arrival region's request id, one per line. Anyone without the secret can neither make one
 * nor move one to another body, region or time.
 */
public final class PeerProof {

    private static final Pattern HEADER = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

    /** What a signature header says; {@link #parse} gives none for a malformed header. */
    public record Signature(long epochSeconds, String hmacHex) {

        public String header() {
            return "t=" + epochSeconds + ",v1=" + hmacHex;
        }
    }

    private PeerProof() {
    }

    public static Signature sign(byte[] secret, String method, String path, byte[] body, long epochSeconds,
                                 String fromRegion, String arrivalRequestId) {
        return new Signature(epochSeconds, HexFormat.of().formatHex(
                hmac(secret, canonical(method, path, body, epochSeconds, fromRegion, arrivalRequestId))));
    }

    /** True when {@code signature} was made with {@code secret} over exactly these parts (compared in constant time). */
    public static boolean matches(Signature signature, byte[] secret, String method, String path, byte[] body,
                                  String fromRegion, String arrivalRequestId) {
        byte[] expected = hmac(secret, canonical(method, path, body, signature.epochSeconds(), fromRegion, arrivalRequestId));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.hmacHex()));
    }

    /** The header's parts, or null when it is not of the form {@code t=<seconds>,v1=<64 hex>}. */
    public static Signature parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = HEADER.matcher(header.trim());
        return matcher.matches() ? new Signature(Long.parseLong(matcher.group(1)), matcher.group(2)) : null;
    }

    private static byte[] canonical(String method, String path, byte[] body, long epochSeconds, String fromRegion,
                                    String arrivalRequestId) {
        return String.join("\n", method, path, sha256Hex(body), Long.toString(epochSeconds), fromRegion,
                arrivalRequestId == null ? "" : arrivalRequestId).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
