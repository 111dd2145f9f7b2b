package io.regiongate.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as a region-local journal file (the destination when no Kafka endpoint is
 * configured): each entry is linked and appended under one lock. A {@code durable} entry (a
 * {@code sync} tenant's) is forced to disk before its future completes; the others are forced by
 * {@link #flush}, at least every {@code regiongate.audit.force-interval-ms}: they survive a kill of
 * the process at once, a crash of the machine once forced.
 */
public final class JournalTrailWriter implements AuditTrailWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JournalTrailWriter.class);

    private final AuditChain chain;
    private final AuditJournal journal;
    private final AuditWriterState state;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong journaled = new AtomicLong();
    private volatile boolean writeFailing;

    public JournalTrailWriter(AuditChain chain, AuditJournal journal, AuditWriterState state) {
        this.chain = chain;
        this.journal = journal;
        this.state = state;
    }

    @Override
    public String writer() {
        return chain.writer();
    }

    @Override
    public CompletableFuture<Written> submit(AuditEntry entry, long covers, boolean durable) {
        lock.lock();
        AuditChain.Linked linked = null;
        try {
            linked = chain.link(entry);
            journal.write(linked.json());
            if (durable) {
                journal.force();
            }
            state.written(linked.link());
            state.accounted(covers);
            journaled.incrementAndGet();
            writeFailing = false;
            return CompletableFuture.completedFuture(Written.JOURNALED);
        } catch (IOException | RuntimeException e) {
            writeFailing = true;
            LOG.error("audit record {} could not be written to the journal {}: {}",
                    linked == null ? entry.id() : linked.id() + " (writer " + linked.link().writer() + " seq "
                            + linked.link().seq() + ")", journal.file(), e.toString());
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Written> submitToDisk(AuditEntry entry, long covers, boolean durable) {
        return submit(entry, covers, durable);
    }

    @Override
    public void flush() {
        try {
            journal.force();
        } catch (IOException e) {
            LOG.error("audit journal {} could not be forced to disk: {}", journal.file(), e.toString());
        }
    }

    @Override
    public AuditTrailHealth health() {
        return new AuditTrailHealth(0, writeFailing, journaled.get(), 0, 0, null);
    }

    @Override
    public void drain(Duration within) {
        // nothing is on its way: every entry is written when submit returns
    }

    @Override
    public void close() {
        flush();
        journal.close();
    }
}
