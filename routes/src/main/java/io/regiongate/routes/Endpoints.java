package io.regiongate.routes;

/** Internal endpoint names and the ids of route templates and route configurations. */
public final class Endpoints {

    /**
     * Entry of the chat flow for in-process callers (the {@code regiongate:chat} component): the same
     * steps as {@code POST /v1/chat/completions}.
     */
    public static final String CHAT = "direct:regiongate-chat";
    /** Entry of the models flow for in-process callers (the {@code regiongate:models} component). */
    public static final String MODELS = "direct:regiongate-models";
    /** Entry of the dispatch flow: calls the upstream chosen for the exchange. */
    public static final String DISPATCH = "direct:regiongate-dispatch";
    /**
     * Prefix of each target's call route, followed by the route's id: {@code upstream-<upstream id>}
     * or {@code peer-<peer region>}.
     */
    public static final String TARGET_PREFIX = "direct:regiongate-";
    /** One event of a relayed stream: parse, meter, transform, relay (see {@code StreamEventRoute}). */
    public static final String STREAM_EVENT = "direct:regiongate-stream-event";
    /** The route template every upstream's and peer's call route is made from. */
    public static final String TARGET_CALL_TEMPLATE = "regiongate-target-call";
    /** Entry of the audit flow: called once per API request when it ends (success or error). */
    public static final String AUDIT = "direct:regiongate-audit";
    /**
     * Hands an entry (in the exchange's audit record property) to the writer without waiting: its
     * queue, or, when that is full, straight to the spool or journal.
     */
    public static final String AUDIT_HANDOFF = "direct:regiongate-audit-handoff";
    /** The audit writer's queue, consumed by one thread. */
    public static final String AUDIT_WRITER = "seda:regiongate-audit-writer?size={{regiongate.audit.queue-size}}"
            + "&concurrentConsumers=1";
    /** Puts an entry on the writer's queue; fails at once (never waits) when the queue is full. */
    public static final String AUDIT_WRITER_ASYNC = "seda:regiongate-audit-writer?size={{regiongate.audit.queue-size}}"
            + "&waitForTaskToComplete=Never&blockWhenFull=false";
    /** Publishes one record (the body) to this region's Kafka audit topic. */
    public static final String AUDIT_PUBLISH = "direct:regiongate-audit-publish";
    /**
     * The startup order of the audit routes (publish, writer, hand-off, audit, then its timers):
     * before every other route, so that at shutdown, which stops routes in reverse order, they stop
     * after the API routes and the records of the last requests are still written.
     */
    public static final int AUDIT_STARTUP_ORDER = 10;
    /** The error policy every API route uses. */
    public static final String API_ERROR_POLICY = "regiongate-api-error-policy";
    /** Internal flows called from an API route: no handling of their own, failures go to the caller. */
    public static final String INTERNAL_FLOW_POLICY = "regiongate-internal-flow-policy";

    private Endpoints() {
    }

    /** The entry of a target's call route, e.g. {@code direct:regiongate-upstream-eu-primary}. */
    public static String target(String routeId) {
        return TARGET_PREFIX + routeId;
    }
}
