package io.regiongate.peer;

import io.regiongate.config.GatewayConfig;
import io.regiongate.config.PeerConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The shared secret of each link to a peer region ({@code peers[].secret-env}), read from the
 * environment once at start: the same value in both runtimes of a link signs what one forwards and
 * proves it to the other.
 */
public final class PeerLinks {

    private final Map<String, byte[]> secrets;

    private PeerLinks(Map<String, byte[]> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    /** The secrets of {@code config}'s peers; configuration validation made sure each is set and long enough. */
    public static PeerLinks from(GatewayConfig config, Function<String, String> environment) {
        Map<String, byte[]> secrets = new HashMap<>();
        for (PeerConfig peer : config.peers()) {
            String secret = peer.secretEnv() == null ? null : environment.apply(peer.secretEnv());
            if (secret != null) {
                secrets.put(peer.region(), secret.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new PeerLinks(secrets);
    }

    public static PeerLinks of(Map<String, String> secretsByRegion) {
        Map<String, byte[]> secrets = new HashMap<>();
        secretsByRegion.forEach((region, secret) -> secrets.put(region, secret.getBytes(StandardCharsets.UTF_8)));
        return new PeerLinks(secrets);
    }

    /** The secret of the link to {@code region}, or null when this runtime has no link to it. */
    public byte[] secretFor(String region) {
        return region == null ? null : secrets.get(region);
    }
}
