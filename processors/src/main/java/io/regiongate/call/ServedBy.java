package io.regiongate.call;

/**
 * Who answered a request: one of this region's upstreams, or a peer runtime (whose answer names
 * the region and upstream that really served). Set when a target's answer is taken, 2xx or a
 * client error the target found.
 *
 * @param region   the region that served; null only when a peer's answer did not say
 * @param upstream the upstream that served; null only when a peer's answer did not say
 * @param viaPeer  true when a peer runtime answered: the content was served in another region
 * @param requestId the request id the peer gave it ({@code X-Request-Id} of its answer), when a peer
 *                 served; null otherwise
 */
public record ServedBy(String region, String upstream, boolean viaPeer, String requestId) {

    public ServedBy(String region, String upstream, boolean viaPeer) {
        this(region, upstream, viaPeer, null);
    }
}
