package io.regiongate.e2e.support;

import io.regiongate.call.RequestIds;
import io.regiongate.peer.PeerProof;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The headers a runtime of {@code region} puts on a request it forwards, signed with the scenarios'
 * link secret ({@link GatewayConfigFile#PEER_SECRET}): for scenarios that pose as a forwarding
 * runtime the way a real one would.
 */
public final class PeerForward {

    private PeerForward() {
    }

    /** {@code X-RegionGate-Forwarded-By}, {@code -Arrival-Request-Id} and {@code -Peer-Signature} for {@code body}. */
    public static Map<String, String> from(String region, String body) {
        String arrivalId = RequestIds.next();
        String signature = PeerProof.sign(GatewayConfigFile.PEER_SECRET.getBytes(StandardCharsets.UTF_8), "POST",
                "/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), region,
                arrivalId).header();
        return Map.of("X-RegionGate-Forwarded-By", region, "X-RegionGate-Arrival-Request-Id", arrivalId,
                "X-RegionGate-Peer-Signature", signature);
    }
}
