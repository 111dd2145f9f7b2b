package io.regiongate.audit;

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
 * An append-only file of audit records, one JSON object per line (JSON Lines). Every append is
 * written and forced to disk ({@code fsync} of the data) before it returns, so an acknowledged
 * record survives a crash of the process or the machine. One writer thread appends; readers may
 * read at any time from a byte offset.
 *
 * <p>A line cut short by a crash during an append (no newline at the end of the file) was never
 * acknowledged; it is cut off when the journal is opened, so that the next record starts on a
 * line of its own.
 */
public final class AuditJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);

    private final Path file;
    private final FileChannel channel;

    /** A record read back: its JSON and the byte offsets of its line. */
    public record Entry(long start, long end, String json) {
    }

    public AuditJournal(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            cutUnfinishedLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit journal " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record and forces it to disk. @return the size of the journal after it */
    public synchronized long append(String json) throws IOException {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an audit record must be one line");
        }
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        long position = channel.size();
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
        return position;
    }

    public synchronized long size() throws IOException {
        return channel.size();
    }

    /** Up to {@code max} whole records from a byte offset on. */
    public synchronized List<Entry> read(long from, int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long size = channel.size();
        long position = from;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        long lineStart = position;
        while (position < size && entries.size() < max) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining() && entries.size() < max) {
                byte b = buffer.get();
                position++;
                if (b == '\n') {
                    entries.add(new Entry(lineStart, position, line.toString(StandardCharsets.UTF_8)));
                    line.reset();
                    lineStart = position;
                } else {
                    line.write(b);
                }
            }
            if (entries.size() >= max) {
                break;
            }
        }
        return entries;
    }

    /** Empties the journal (the spool, once everything in it was delivered). */
    public synchronized void truncate() throws IOException {
        channel.truncate(0);
        channel.force(true);
    }

    private void cutUnfinishedLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            LOG.warn("audit journal {}: cutting off {} bytes of a record whose append never finished", file, size - end);
            channel.truncate(end);
            channel.force(true);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the audit journal {}: {}", file, e.getMessage());
        }
    }
}
