package io.regiongate.flow.audit;

import io.regiongate.audit.AuditTrailWriter;
import io.regiongate.audit.KafkaTrailWriter;
import org.apache.camel.Processor;

/** The audit writer's timer steps: forcing what was written to disk, and replaying the spool. */
public final class AuditHousekeeping {

    private AuditHousekeeping() {
    }

    /** Forces the spool (or journal) to disk. */
    public static Processor flush(AuditTrailWriter writer) {
        return exchange -> writer.flush();
    }

    /** Delivers what is spooled, until it is empty, a delivery fails, or the runtime stops. */
    public static Processor replay(KafkaTrailWriter writer) {
        return exchange -> writer.replay(() -> !exchange.getContext().getStatus().isStarted());
    }
}
