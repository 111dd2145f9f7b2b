package io.regiongate.peer;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a request that claims to be forwarded by a peer region really is: the region is
 * one this runtime has a link to, the signature was made with that link's secret over this very
 * request, it is at most {@link #WINDOW} old (or ahead, for clocks apart), and it was not seen before
 * within that window (a recorded forward replayed is refused).
 */
public final class ForwardedRequestVerifier {

    /** How far a signature's time may be from this runtime's clock. */
    public static final Duration WINDOW = Duration.ofSeconds(30);
    /** Signatures remembered for the replay check, at most; beyond, the oldest are forgotten first. */
    static final int MAX_REMEMBERED = 100_000;

    private final PeerLinks links;
    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public ForwardedRequestVerifier(PeerLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    /**
     * @return null when the proof holds, else why not (for the log and the client's message; it
     *         names no secret)
     */
    public String refusal(String fromRegion, String arrivalRequestId, String signatureHeader, String method,
                          String path, byte[] body) {
        if (fromRegion == null || fromRegion.isBlank()) {
            return "a peer header without X-RegionGate-Forwarded-By";
        }
        byte[] secret = links.secretFor(fromRegion.trim());
        if (secret == null) {
            return "no link to a region named in X-RegionGate-Forwarded-By";
        }
        PeerProof.Signature signature = PeerProof.parse(signatureHeader);
        if (signature == null) {
            return "no well-formed X-RegionGate-Peer-Signature";
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - signature.epochSeconds()) > WINDOW.toSeconds()) {
            return "the signature is outside the " + WINDOW.toSeconds() + " s window";
        }
        if (!PeerProof.matches(signature, secret, method, path, body, fromRegion.trim(), arrivalRequestId)) {
            return "the signature does not match the request";
        }
        if (seen.putIfAbsent(signature.hmacHex(), signature.epochSeconds()) != null) {
            return "the signature was used before";
        }
        forgetExpired(now);
        return null;
    }

    private void forgetExpired(long now) {
        if (seen.size() <= MAX_REMEMBERED / 2) {
            return;
        }
        for (Iterator<Map.Entry<String, Long>> entries = seen.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, Long> entry = entries.next();
            if (Math.abs(now - entry.getValue()) > WINDOW.toSeconds() || seen.size() > MAX_REMEMBERED) {
                entries.remove();
            }
        }
    }
}
