package io.regiongate.routes;

/**
 * Registry names of the processors the flows are wired from. The runtime (or any Camel
 * application composing these flows) binds a processor under each name.
 */
public final class Steps {

    public static final String BEGIN_REQUEST = "regiongateBeginRequest";
    public static final String AUTHENTICATE = "regiongateAuthenticate";
    public static final String LIMIT_CONCURRENCY = "regiongateLimitConcurrency";
    public static final String VALIDATE_CHAT_REQUEST = "regiongateValidateChatRequest";
    public static final String RESIDENCY = "regiongateResidency";
    public static final String PLAN_DISPATCH = "regiongatePlanDispatch";
    public static final String NEXT_TARGET = "regiongateNextTarget";
    public static final String RECORD_SUCCESS = "regiongateRecordSuccess";
    public static final String RECORD_FAILURE = "regiongateRecordFailure";
    public static final String PREPARE_PEER_REQUEST = "regiongatePreparePeerRequest";
    public static final String PREPARE_UPSTREAM_REQUEST = "regiongatePrepareUpstreamRequest";
    public static final String UPSTREAM_RESPONSE = "regiongateUpstreamResponse";
    public static final String CALL_STREAMING = "regiongateCallStreaming";
    public static final String PARSE_EVENT = "regiongateParseEvent";
    public static final String METER_EVENT = "regiongateMeterEvent";
    public static final String TRANSFORM_EVENT = "regiongateTransformEvent";
    public static final String RELAY_EVENT = "regiongateRelayEvent";
    public static final String ERROR_RESPONSE = "regiongateErrorResponse";
    public static final String MODELS_LIST = "regiongateModelsList";
    public static final String HEALTH_LIVE = "regiongateHealthLive";
    public static final String HEALTH_READY = "regiongateHealthReady";
    public static final String AUDIT_RECORD = "regiongateAuditRecord";
    public static final String AUDIT_DELIVERY_OUTCOME = "regiongateAuditDeliveryOutcome";
    public static final String AUDIT_SYNC_OUTCOME = "regiongateAuditSyncOutcome";
    public static final String AUDIT_CHAIN = "regiongateAuditChain";
    public static final String AUDIT_JOURNAL = "regiongateAuditJournal";
    public static final String AUDIT_SPOOL = "regiongateAuditSpool";
    /** Bean with the spool's state: {@code pending()}, {@code claimReplay()} and {@code nextBatch(size, retryMs)}. */
    public static final String AUDIT_SPOOL_STATE = "regiongateAuditSpoolState";
    public static final String AUDIT_REPLAY_PREPARE = "regiongateAuditReplayPrepare";
    public static final String AUDIT_REPLAY_DELIVERED = "regiongateAuditReplayDelivered";
    public static final String AUDIT_REPLAY_FAILED = "regiongateAuditReplayFailed";
    public static final String ADMIT_QUOTA = "regiongateAdmitQuota";
    public static final String ADMIN_USAGE = "regiongateAdminUsage";
    public static final String RECORD_TELEMETRY = "regiongateRecordTelemetry";
    public static final String METRICS = "regiongateMetrics";

    private Steps() {
    }
}
