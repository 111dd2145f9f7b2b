package io.regiongate.routes;

/**
 * Registry names of the processors the flows are wired from. The runtime (or any Camel
 * application composing these flows) binds a processor under each name.
 */
public final class Steps {

    public static final String BEGIN_REQUEST = "regiongateBeginRequest";
    public static final String AUTHENTICATE = "regiongateAuthenticate";
    public static final String VALIDATE_CHAT_REQUEST = "regiongateValidateChatRequest";
    public static final String SELECT_UPSTREAM = "regiongateSelectUpstream";
    public static final String PREPARE_UPSTREAM_REQUEST = "regiongatePrepareUpstreamRequest";
    public static final String UPSTREAM_RESPONSE = "regiongateUpstreamResponse";
    public static final String ERROR_RESPONSE = "regiongateErrorResponse";
    public static final String MODELS_LIST = "regiongateModelsList";
    public static final String HEALTH_LIVE = "regiongateHealthLive";
    public static final String HEALTH_READY = "regiongateHealthReady";
    public static final String ADMIT_QUOTA = "regiongateAdmitQuota";
    public static final String ADMIN_USAGE = "regiongateAdminUsage";

    private Steps() {
    }
}
