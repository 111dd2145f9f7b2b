package io.regiongate.config;

/** The RegionGate runtime of another region. */
public record PeerConfig(String region, String url) {
}
