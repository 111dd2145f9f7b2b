package io.regiongate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The records a Kafka audit endpoint did not take yet, kept in order in a region-local
 * {@link AuditJournal} ({@code spool.jsonl}) with a cursor ({@code spool.cursor}) on the first
 * record not yet delivered. While anything is pending, new records are appended behind it, so
 * that the topic receives every writer's records in chain order. A record is delivered again
 * when the process died between sending it and moving the cursor: delivery is at least once, and
 * consumers drop duplicates by request id.
 *
 * <p>Used by the one audit writer thread only.
 */
public final class AuditSpool implements AutoCloseable {

    public static final String FILE = "spool.jsonl";
    public static final String CURSOR = "spool.cursor";

    private final AuditJournal journal;
    private final Path cursorFile;
    private long cursor;

    public AuditSpool(Path directory) {
        this.journal = new AuditJournal(directory.resolve(FILE));
        this.cursorFile = directory.resolve(CURSOR);
        this.cursor = readCursor();
    }

    /** True while records wait for delivery. */
    public boolean hasPending() {
        try {
            return cursor < journal.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a record behind the pending ones, forced to disk before this returns. */
    public void append(String json) throws IOException {
        journal.append(json);
    }

    /** The next pending records, oldest first. */
    public List<AuditJournal.Entry> next(int max) throws IOException {
        return journal.read(cursor, max);
    }

    /** Marks a record delivered; once none is pending the spool file is emptied. */
    public void delivered(AuditJournal.Entry entry) throws IOException {
        if (entry.start() != cursor) {
            throw new IllegalStateException("spool entries must be acknowledged in order: expected offset "
                    + cursor + ", got " + entry.start());
        }
        cursor = entry.end();
        if (cursor >= journal.size()) {
            journal.truncate();
            cursor = 0;
        }
        writeCursor();
    }

    private long readCursor() {
        try {
            long size = journal.size();
            if (!Files.exists(cursorFile)) {
                return 0;
            }
            String text = Files.readString(cursorFile, StandardCharsets.UTF_8).trim();
            long value = text.isEmpty() ? 0 : Long.parseLong(text);
            // a cursor past the end: the spool was emptied before the cursor was reset
            return value > size ? 0 : value;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the audit spool cursor " + cursorFile + ": " + e.getMessage(), e);
        }
    }

    private void writeCursor() throws IOException {
        Path temporary = cursorFile.resolveSibling(CURSOR + ".tmp");
        Files.writeString(temporary, Long.toString(cursor), StandardCharsets.UTF_8);
        Files.move(temporary, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return journal.file().toString();
    }

    @Override
    public void close() {
        journal.close();
    }
}
