package io.regiongate.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of audit records, one JSON object per line (JSON Lines). One writer thread
 * (or one at a time) appends; readers may read at any time from a byte offset.
 *
 * <p>{@link #write} hands a record to the operating system (it survives a crash of the process,
 * {@code kill -9} included); {@link #force} puts everything written so far on the disk (it then
 * survives a crash of the machine); {@link #append} does both. {@link #force} runs the system call
 * without holding the journal, so that records are written while it runs; several threads that
 * must wait for the disk share one force through a {@link GroupCommit}.
 *
 * <p>Torn writes: a line cut short by a crash during an append (no newline at the end of the
 * file) was never acknowledged; it is cut off when the journal is opened. Within a process, a
 * write that failed halfway (an I/O error, a full disk) is cut back at once, and, if even that
 * failed, before the next write: a record always starts on a line of its own.
 */
public final class AuditJournal implements DiskLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);

    /** Opens the journal's file; tests replace it to make writes fail. */
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    static final ChannelOpener FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.READ);

    private final Path file;
    private final FileChannel channel;
    /** The end of the last whole record: where the next one is written. */
    private long end;
    /** A failed write left bytes beyond {@link #end} that could not be cut back yet. */
    private boolean cutBackPending;
    /** The end up to which the journal is known to be on the disk. */
    private long forcedEnd;

    /** A record read back: its JSON and the byte offsets of its line. */
    public record Entry(long start, long end, String json) {
    }

    public AuditJournal(Path file) {
        this(file, FILES);
    }

    AuditJournal(Path file, ChannelOpener opener) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean created = !Files.exists(file);
            channel = opener.open(file);
            if (created) {
                DiskSync.directory(parent);
            }
            end = cutUnfinishedLine();
            forcedEnd = end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit journal " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record and forces it to disk. @return the size of the journal after it */
    public synchronized long append(String json) throws IOException {
        long size = write(json);
        force();
        return size;
    }

    /**
     * Appends one record without forcing it to disk: it survives the end of this process, and a
     * crash of the machine once {@link #force} ran. @return the size of the journal after it
     */
    public synchronized long write(String json) throws IOException {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an audit record must be one line");
        }
        if (cutBackPending) {
            // an earlier write failed halfway and could not be cut back then (a flag, not a size
            // check per record: that is a system call on every write of the audit path)
            LOG.warn("audit journal {}: cutting back {} bytes of a write that failed", file, channel.size() - end);
            channel.truncate(end);
            cutBackPending = false;
        }
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        long position = end;
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException | RuntimeException e) {
            cutBack();
            throw e;
        }
        end = position;
        return end;
    }

    private void cutBack() {
        try {
            channel.truncate(end);
        } catch (IOException e) {
            cutBackPending = true;
            LOG.warn("audit journal {}: a failed write could not be cut back yet ({}); the next write will", file,
                    e.getMessage());
        }
    }

    /**
     * Forces everything written before this call to disk. Records written while the disk works are
     * not held up (nor necessarily covered: see {@link #forced}).
     */
    @Override
    public void force() throws IOException {
        long target;
        synchronized (this) {
            target = end;
            if (target <= forcedEnd) {
                return;
            }
        }
        channel.force(false);
        synchronized (this) {
            forcedEnd = Math.max(forcedEnd, Math.min(target, end));
        }
    }

    /** The end up to which the records are on the disk; {@link #size()} when nothing waits to be forced. */
    @Override
    public synchronized long forced() {
        return forcedEnd;
    }

    /** The size of the whole records in the journal. */
    public synchronized long size() {
        return end;
    }

    /** Up to {@code max} whole records from a byte offset on. */
    public synchronized List<Entry> read(long from, int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long position = from;
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lineStart = position;
        while (position < end && entries.size() < max) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - position));
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            byte[] bytes = buffer.array();
            int lineFrom = 0;
            int i = 0;
            for (; i < read && entries.size() < max; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, lineFrom, i - lineFrom);
                    entries.add(new Entry(lineStart, position + i + 1, line.toString(StandardCharsets.UTF_8)));
                    line.reset();
                    lineFrom = i + 1;
                    lineStart = position + i + 1;
                }
            }
            if (entries.size() >= max) {
                break;
            }
            line.write(bytes, lineFrom, read - lineFrom);
            position += read;
        }
        return entries;
    }

    /** Empties the journal. */
    public synchronized void truncate() throws IOException {
        channel.truncate(0);
        cutBackPending = false;
        channel.force(true);
        end = 0;
        forcedEnd = 0;
    }

    private long cutUnfinishedLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return 0;
        }
        long lineEnd = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (lineEnd > 0) {
            one.clear();
            channel.read(one, lineEnd - 1);
            if (one.get(0) == '\n') {
                break;
            }
            lineEnd--;
        }
        if (lineEnd < size) {
            LOG.warn("audit journal {}: cutting off {} bytes of a record whose append never finished", file,
                    size - lineEnd);
            channel.truncate(lineEnd);
            channel.force(true);
        }
        return lineEnd;
    }

    @Override
    public synchronized void close() {
        try {
            force();
        } catch (IOException e) {
            LOG.warn("audit journal {}: could not force the last writes to disk: {}", file, e.getMessage());
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the audit journal {}: {}", file, e.getMessage());
        }
    }
}
