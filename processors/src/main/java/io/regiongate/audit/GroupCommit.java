package io.regiongate.audit;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Group commit for a journal: a thread that needs its record on the disk waits for a force that
 * covers the record's end. When no force runs, it runs one itself (covering everything written up
 * to then); when one runs, it waits for it and, if that one started before its record was written,
 * for the next one, which then covers every record written meanwhile. One {@code fsync} thus
 * serves all the records that arrived while the previous one ran, instead of one each, and nobody
 * returns before the force that covers their own record has finished.
 */
final class GroupCommit {

    private final AuditJournal journal;
    private boolean forcing;

    GroupCommit(AuditJournal journal) {
        this.journal = journal;
    }

    /**
     * Returns once the journal is on the disk up to {@code position} (the end of a record already
     * written). Throws when the force this thread ran failed; a waiter whose leader failed runs the
     * next force itself.
     */
    void awaitForced(long position) throws IOException {
        synchronized (this) {
            while (forcing) {
                if (journal.forced() >= position) {
                    return;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the audit journal to reach the disk");
                }
            }
            if (journal.forced() >= position) {
                return;
            }
            forcing = true;
        }
        try {
            journal.force();
        } finally {
            synchronized (this) {
                forcing = false;
                notifyAll();
            }
        }
    }
}
