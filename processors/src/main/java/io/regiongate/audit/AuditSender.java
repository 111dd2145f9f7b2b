package io.regiongate.audit;

import java.util.function.Consumer;

/** Hands one record to this region's audit endpoint (Kafka), without waiting for its acknowledgement. */
public interface AuditSender {

    /** Kafka record header with the request id of a request's record. */
    String REQUEST_ID_HEADER = "regiongate-request-id";
    /** Kafka record header with the event id of an {@link AuditEvent}. */
    String EVENT_ID_HEADER = "regiongate-event-id";

    /**
     * Sends one record: its JSON as value, keyed by its chain writer, with its id as a header.
     * Calls of one writer come from one thread, in chain order, and must reach the endpoint in that
     * order. {@code done} is called exactly once, on any thread: with null when the endpoint
     * acknowledged the record, else with the failure.
     */
    void send(AuditJson.Routing routing, String json, Consumer<Throwable> done);
}
