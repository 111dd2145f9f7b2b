package io.regiongate.audit;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Group commit for a journal or the spool: a thread that needs its record on the disk waits for a force that
 * covers the record's end. When no force runs, it runs one itself (covering everything written up
 * to then); when one runs, it waits for it and, if that one started before its record was written,
 * for the next one, which then covers every record written meanwhile. One {@code fsync} thus
 * serves all the records that arrived while the previous one ran, instead of one each, and nobody
 * returns before the force that covers their own record has finished.
 */
final class GroupCommit {

    private final DiskLog log;
    private boolean forcing;

    GroupCommit(DiskLog log) {
        this.log = log;
    }

    /**
     * Returns once the log is on the disk up to {@code position} (the end of a record already
     * written). Throws when the force this thread ran failed; a waiter whose leader failed runs the
     * next force itself.
     */
    void awaitForced(long position) throws IOException {
        synchronized (this) {
            while (forcing) {
                if (log.forced() >= position) {
                    return;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for audit records to reach the disk");
                }
            }
            if (log.forced() >= position) {
                return;
            }
            forcing = true;
        }
        try {
            log.force();
        } finally {
            synchronized (this) {
                forcing = false;
                notifyAll();
            }
        }
    }
}
