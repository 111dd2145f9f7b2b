package io.regiongate.routes;

/** Internal endpoint names and the ids of route templates and route configurations. */
public final class Endpoints {

    /** Entry of the dispatch flow: calls the upstream chosen for the exchange. */
    public static final String DISPATCH = "direct:regiongate-dispatch";
    /** Prefix of each upstream's call route: {@code direct:regiongate-upstream-<upstream id>}. */
    public static final String UPSTREAM_PREFIX = "direct:regiongate-upstream-";
    /** Prefix of each peer's call route: {@code direct:regiongate-peer-<peer region>}. */
    public static final String PEER_PREFIX = "direct:regiongate-peer-";
    /** The route template every upstream's and peer's call route is made from. */
    public static final String TARGET_CALL_TEMPLATE = "regiongate-target-call";
    /** The error policy every API route uses. */
    public static final String API_ERROR_POLICY = "regiongate-api-error-policy";
    /** Internal flows called from an API route: no handling of their own, failures go to the caller. */
    public static final String INTERNAL_FLOW_POLICY = "regiongate-internal-flow-policy";

    private Endpoints() {
    }

    public static String upstream(String upstreamId) {
        return UPSTREAM_PREFIX + upstreamId;
    }

    public static String peer(String region) {
        return PEER_PREFIX + region;
    }
}
