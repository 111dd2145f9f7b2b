package io.regiongate.flow;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * For a {@code sync} tenant the request enriches itself with the audit writer's outcome: the
 * client's message stays as it was, and {@link ExchangeKeys#AUDIT_ACCEPTED} says whether the
 * record was acknowledged by Kafka or forced to the spool.
 */
public final class AuditDeliveryOutcome implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange original, Exchange writer) {
        boolean accepted = writer != null && !writer.isFailed();
        original.setProperty(ExchangeKeys.AUDIT_ACCEPTED, accepted);
        if (!accepted && writer != null && writer.getException() != null) {
            original.setProperty(ExchangeKeys.AUDIT_FAILURE, writer.getException());
        }
        return original;
    }
}
