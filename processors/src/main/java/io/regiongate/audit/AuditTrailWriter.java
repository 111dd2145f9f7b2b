package io.regiongate.audit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The one writer of a region's audit trail: links each entry into its hash chain and makes it
 * durable in the trail's destination, in chain order. Thread-safe: the writer route's thread, a
 * {@code sync} request's own thread, a request whose hand-off found the queue full and the
 * writer's timers may all submit; entries are linked and handed on in one order under one lock.
 *
 * <p>Each entry says how many begun requests it accounts for (1 for a request's record, the
 * count of a refusal summary, 0 for the trail's own events); the {@link AuditWriterState} counts
 * them once the entry is written, so that after a crash the trail can say how many requests were
 * left without a record.
 */
public interface AuditTrailWriter extends AutoCloseable {

    /** Where an entry ended up. */
    enum Written {
        /** acknowledged by the Kafka endpoint */
        DELIVERED,
        /** in the spool, to be delivered later */
        SPOOLED,
        /** refused for good by the endpoint: in the dead-letter file, and named by a marker on the trail */
        DEAD_LETTERED,
        /** appended to the journal */
        JOURNALED
    }

    /** The chain's writer name: region and process instance. */
    String writer();

    /**
     * Links an entry and hands it on. The future completes once the entry is written (for
     * {@code durable}: forced to disk, or acknowledged by the endpoint), exceptionally when it
     * could be neither delivered nor written to disk.
     */
    CompletableFuture<Written> submit(AuditEntry entry, long covers, boolean durable);

    /**
     * As {@link #submit}, but straight to disk (spool or journal), without waiting for room in a
     * queue or window: for a record whose hand-off to the writer's queue found it full.
     */
    CompletableFuture<Written> submitToDisk(AuditEntry entry, long covers, boolean durable);

    /** Forces what was written but not yet forced to disk. */
    void flush();

    /** The writer's backlog, whether its writes fail, and what it wrote, for readiness and metrics. */
    AuditTrailHealth health();

    /**
     * Stops taking entries off to the endpoint and waits up to {@code within} for those on their
     * way; whatever is still unsettled then is spooled.
     */
    void drain(Duration within);

    @Override
    void close();
}
