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
 * configured): each entry is linked and appended under one lock, so every entry is in the file
 * (and survives a kill of the process) before its future completes. A {@code durable} entry (a
 * {@code sync} tenant's) is also forced to disk before its future completes, outside the lock and
 * by a {@link GroupCommit}: one force covers every entry written while the previous one ran, and
 * entries go on being written meanwhile. The others are forced by {@link #flush}, at least every
 * {@code regiongate.audit.force-interval-ms}, or by a durable entry's force behind them: they
 * survive a crash of the machine once forced.
 */
public final class JournalTrailWriter implements AuditTrailWriter {

    private static final Logger LOG = LoggerFactory.getLogger(JournalTrailWriter.class);

    private final AuditChain chain;
    private final AuditJournal journal;
    private final AuditWriterState state;
    private final GroupCommit commits;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong journaled = new AtomicLong();
    private volatile boolean writeFailing;

    public JournalTrailWriter(AuditChain chain, AuditJournal journal, AuditWriterState state) {
        this.chain = chain;
        this.journal = journal;
        this.state = state;
        this.commits = new GroupCommit(journal);
    }

    @Override
    public String writer() {
        return chain.writer();
    }

    @Override
    public CompletableFuture<Written> submit(AuditEntry entry, long covers, boolean durable) {
        AuditChain.Linked linked = null;
        long end;
        lock.lock();
        try {
            linked = chain.link(entry);
            end = journal.write(linked.json());
            state.written(linked.link());
            state.accounted(covers);
            journaled.incrementAndGet();
            writeFailing = false;
        } catch (IOException | RuntimeException e) {
            return failed(entry, linked, "written to", e);
        } finally {
            lock.unlock();
        }
        if (durable) {
            try {
                commits.awaitForced(end);
            } catch (IOException | RuntimeException e) {
                return failed(entry, linked, "forced to disk in", e);
            }
        }
        return CompletableFuture.completedFuture(Written.JOURNALED);
    }

    private CompletableFuture<Written> failed(AuditEntry entry, AuditChain.Linked linked, String what, Exception e) {
        writeFailing = true;
        LOG.error("audit record {} could not be {} the journal {}: {}",
                linked == null ? entry.id() : linked.id() + " (writer " + linked.link().writer() + " seq "
                        + linked.link().seq() + ")", what, journal.file(), e.toString());
        return CompletableFuture.failedFuture(e);
    }

    @Override
    public CompletableFuture<Written> submitToDisk(AuditEntry entry, long covers, boolean durable) {
        return submit(entry, covers, durable);
    }

    @Override
    public void flush() {
        try {
            commits.awaitForced(journal.size());
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
