package io.regiongate.flow;

/** HTTP header names of RegionGate's public contract, requests and responses. */
public final class GatewayHeaders {

    /** Request: {@code Bearer <key>}; removed as soon as the tenant is found. */
    public static final String AUTHORIZATION = "Authorization";
    /** Response: the id of this request, also in logs and (later) audit records. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** Response: the region that served the request. */
    public static final String REGION = "X-RegionGate-Region";
    /** Response: the upstream that served the request. */
    public static final String UPSTREAM = "X-RegionGate-Upstream";
    /** Response: the failover hops taken, when any. */
    public static final String FAILOVER = "X-RegionGate-Failover";
    /** Request: narrows where a request may run to one zone. */
    public static final String RESIDENCY = "X-RegionGate-Residency";
    /** Request: records cross-border consent for {@code with-consent} tenants. */
    public static final String CONSENT = "X-RegionGate-Consent";

    /**
     * Request, between runtimes: the region that forwarded the request. A forwarded request is served
     * from local upstreams only. Believed only with a valid {@link #PEER_SIGNATURE}: a request that
     * carries any peer header without one is refused with 401.
     */
    public static final String FORWARDED_BY = "X-RegionGate-Forwarded-By";

    /**
     * Request, between runtimes: the request id the arrival region gave a request it forwarded, so
     * that both regions' audit records of it can be joined without moving any content.
     */
    public static final String ARRIVAL_REQUEST_ID = "X-RegionGate-Arrival-Request-Id";

    /** Request, between runtimes: the forwarding runtime's proof ({@link io.regiongate.peer.PeerProof}). */
    public static final String PEER_SIGNATURE = "X-RegionGate-Peer-Signature";

    private GatewayHeaders() {
    }
}
