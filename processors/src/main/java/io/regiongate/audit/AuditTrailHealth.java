package io.regiongate.audit;

import java.time.Instant;

/**
 * What readiness and the metrics tell about a region's audit trail writer.
 *
 * @param backlogBytes   records not yet delivered to the endpoint, in bytes of the spool (0 for a journal)
 * @param writeFailing   whether the last record could be neither delivered nor written to disk
 * @param delivered      records the endpoint acknowledged (directly or from the spool), or journaled
 * @param spooled        records written to the spool because the endpoint did not take them
 * @param deadLettered   records the endpoint refused for good, kept in the dead-letter file
 * @param oldestPendingAt when the oldest record in the spool was made (its {@code completed_at}, or an
 *                        event's {@code at}); null when nothing waits
 */
public record AuditTrailHealth(long backlogBytes, boolean writeFailing, long delivered, long spooled,
                               long deadLettered, Instant oldestPendingAt) {
}
