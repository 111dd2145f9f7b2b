package io.regiongate.flow.audit;

import io.regiongate.flow.Calls;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * For a {@code sync} tenant the request enriches itself with the audit writer's outcome: the
 * client's message stays as it was, and the request's record says whether the record was
 * acknowledged by Kafka or forced to the spool.
 */
public final class AuditDeliveryOutcome implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange original, Exchange writer) {
        boolean accepted = writer != null && !writer.isFailed();
        Calls.of(original).auditDelivered(accepted, accepted || writer == null ? null : writer.getException());
        return original;
    }
}
