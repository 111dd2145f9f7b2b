package io.regiongate.audit;

import java.io.IOException;

/**
 * A log whose writes reach the disk only when forced: how far it is known to be there, and the
 * force. Positions only grow; what a position counts (bytes, records) is the log's own.
 */
interface DiskLog {

    /** The position up to which everything written is on the disk. */
    long forced();

    /** Puts everything written before the call on the disk; writes may go on meanwhile. */
    void force() throws IOException;
}
