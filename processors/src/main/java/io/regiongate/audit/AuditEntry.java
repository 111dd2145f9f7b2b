package io.regiongate.audit;

/**
 * What an audit trail holds: the record of one request ({@link AuditRecord}), or an event of the
 * trail itself ({@link AuditEvent}: a dead-lettered record, an unclean stop, a summary of refused
 * requests). Each is linked into its writer's hash chain the same way.
 */
public sealed interface AuditEntry permits AuditRecord, AuditEvent {

    /** The id consumers drop duplicates by: the request id, or the event id. */
    String id();

    /** The entry's place in its writer's chain; null until linked. */
    AuditRecord.ChainLink chain();

    /** The same entry with its chain link. */
    AuditEntry withChain(AuditRecord.ChainLink link);
}
