package io.regiongate.flow;

/**
 * The exchange properties of RegionGate's flows. A request's state is one typed record,
 * {@link io.regiongate.call.GatewayCall}, under {@link #CALL}; every other key exists because
 * Camel itself needs the value on an exchange, as each one's reason says. State lives here, never
 * in headers a client could send.
 */
public final class ExchangeKeys {

    /** GatewayCall: the request's record; every step of an API request reads and adds to it. */
    public static final String CALL = "regiongateCall";

    /**
     * String: the call route of the target being tried ({@code upstream-<id>} or
     * {@code peer-<region>}), because the failover loop's {@code toD} takes its endpoint from an
     * expression on the exchange.
     */
    public static final String TARGET_ROUTE = "regiongateTargetRoute";

    /**
     * StreamSession: the stream an event belongs to, because each event of a relayed stream goes
     * through the {@code stream-event} route as an exchange of its own.
     */
    public static final String STREAM_SESSION = "regiongateStreamSession";

    /**
     * AuditEntry: the record (or refusal summary) handed to the audit writer, because the writer's
     * queue (seda) takes a copy of the request's exchange, whose message must stay the client's answer.
     */
    public static final String AUDIT_RECORD = "regiongateAuditRecord";

    /**
     * ClientConnection: the stand-in for the client's connection of a request that did not come
     * over HTTP (the {@code regiongate:} component's streamed calls), because the first step takes
     * the connection from the exchange and such a caller has no platform-http message to take it from.
     */
    public static final String CLIENT_CONNECTION = "regiongateClientConnection";

    private ExchangeKeys() {
    }
}
