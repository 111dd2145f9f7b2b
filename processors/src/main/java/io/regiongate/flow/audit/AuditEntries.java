package io.regiongate.flow.audit;

import io.regiongate.audit.AuditEntry;
import io.regiongate.audit.AuditEvent;
import io.regiongate.audit.AuditRecord;

/** How many begun requests an entry accounts for once written (see {@code AuditWriterState}). */
final class AuditEntries {

    private AuditEntries() {
    }

    /** 1 for a request's record, the count of a refusal summary, 0 for the trail's other events. */
    static long covers(AuditEntry entry) {
        if (entry instanceof AuditRecord) {
            return 1;
        }
        if (entry instanceof AuditEvent event && event.refusals() != null) {
            return event.refusals().total();
        }
        return 0;
    }
}
