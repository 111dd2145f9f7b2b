package io.regiongate.routes;

/**
 * Registry names of the processors the flows are wired from. The runtime (or any Camel
 * application composing these flows) binds a processor under each name.
 */
public final class Steps {

    public static final String BEGIN_REQUEST = "regiongateBeginRequest";
    public static final String AUTHENTICATE = "regiongateAuthenticate";
    public static final String LIMIT_CONCURRENCY = "regiongateLimitConcurrency";
    public static final String VERIFY_PEER = "regiongateVerifyPeer";
    public static final String VALIDATE_CHAT_REQUEST = "regiongateValidateChatRequest";
    /** Checks a forward's proof for the embeddings path. */
    public static final String VERIFY_PEER_EMBEDDINGS = "regiongateVerifyPeerEmbeddings";
    public static final String VALIDATE_EMBEDDINGS_REQUEST = "regiongateValidateEmbeddingsRequest";
    /** Checks a forward's proof for the Responses path. */
    public static final String VERIFY_PEER_RESPONSES = "regiongateVerifyPeerResponses";
    public static final String VALIDATE_RESPONSES_REQUEST = "regiongateValidateResponsesRequest";
    public static final String RESIDENCY = "regiongateResidency";
    public static final String PLAN_DISPATCH = "regiongatePlanDispatch";
    /** PII redaction of the prompt (the tenant's or this zone's profile), before anything leaves the process. */
    public static final String REDACT_PROMPT = "regiongateRedactPrompt";
    /** PII redaction of a whole answer (a stream's is in {@link #TRANSFORM_EVENT}): restore, redact, audit text. */
    public static final String REDACT_ANSWER = "regiongateRedactAnswer";
    /** A whole answer's bytes handed to the API listener in the form it writes in one piece. */
    public static final String LISTENER_ANSWER_BODY = "regiongateListenerAnswerBody";
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
    /** {@code GET /v1/models/{id}}: one model this tenant may use here, else 404. */
    public static final String MODEL_GET = "regiongateModelGet";
    public static final String HEALTH_LIVE = "regiongateHealthLive";
    public static final String HEALTH_READY = "regiongateHealthReady";
    /** Counts the request as owing the trail its record (the audit directory's writer state). */
    public static final String AUDIT_BEGIN = "regiongateAuditBegin";
    public static final String AUDIT_RECORD = "regiongateAuditRecord";
    /** Counts a request refused before a tenant was known for the next refusal summary. */
    public static final String AUDIT_COUNT_REFUSAL = "regiongateAuditCountRefusal";
    /** Writes a {@code sync} tenant's record on the request's thread and waits for it. */
    public static final String AUDIT_WRITE_SYNC = "regiongateAuditWriteSync";
    public static final String AUDIT_SYNC_OUTCOME = "regiongateAuditSyncOutcome";
    /** The writer route's step: hands the queued entry to the trail writer. */
    public static final String AUDIT_WRITE = "regiongateAuditWrite";
    /** Writes an entry whose queue was full straight to the spool or journal. */
    public static final String AUDIT_OVERFLOW = "regiongateAuditOverflow";
    /** Forces the spool or journal to disk. */
    public static final String AUDIT_FLUSH = "regiongateAuditFlush";
    /** Delivers the spool (Kafka endpoint only). */
    public static final String AUDIT_REPLAY = "regiongateAuditReplay";
    /** Takes the refusal summary of the interval. */
    public static final String AUDIT_REFUSALS_SUMMARY = "regiongateAuditRefusalsSummary";
    public static final String AUDIT_ADMIN_READ = "regiongateAuditAdminRead";
    public static final String ADMIT_QUOTA = "regiongateAdmitQuota";
    public static final String ADMIN_USAGE = "regiongateAdminUsage";
    public static final String ADMIN_RELOAD = "regiongateAdminReload";
    public static final String RECORD_TELEMETRY = "regiongateRecordTelemetry";
    public static final String METRICS = "regiongateMetrics";

    /** The Kafka request/reply entry: a record's headers to the component's, its repeats and reply topic checked. */
    public static final String KAFKA_REQUEST = "regiongateKafkaRequest";
    /** The Kafka request/reply entry: a refusal or failure as OpenAI's error shape, the reply's body. */
    public static final String KAFKA_REFUSED = "regiongateKafkaRefused";
    /** The Kafka request/reply entry: the reply record's topic, key and headers (nothing of the request's). */
    public static final String KAFKA_REPLY = "regiongateKafkaReply";
    /** The Kafka request/reply entry: commits the request's offset once its reply was acknowledged. */
    public static final String KAFKA_COMMIT = "regiongateKafkaCommit";

    private Steps() {
    }
}
