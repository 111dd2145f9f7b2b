package io.regiongate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a Kafka audit endpoint did not take yet, in order, in region-local segment files
 * {@code spool-<n>.jsonl} (each an {@link AuditJournal}; a new one is begun once the current one
 * holds {@code segmentBytes}) with a cursor ({@value #CURSOR}: segment and byte offset of the first
 * record not yet delivered). Segments whose records were all delivered are deleted, so the spool
 * holds only what is pending: an empty spool has no segment file.
 *
 * <p>The cursor is moved in memory as records are delivered ({@link #delivered}) and written to
 * disk by {@link #commit} (atomically: temporary file, forced, renamed, directory forced). A crash
 * between a delivery and the next commit leaves the cursor behind: those records are delivered
 * again (at least once; consumers drop duplicates by request id, and {@code audit verify} reports
 * the identical copies as duplicates).
 *
 * <p>A spool written by an earlier version ({@code spool.jsonl} and a cursor holding one offset)
 * becomes segment 1 when opened. Thread-safe: appends and reads may come from different threads.
 * A {@link #force} does not hold the spool: records are appended while the disk works, and the
 * next force covers them all (group commit, {@link GroupCommit}); a segment is forced before the
 * next one is begun.
 */
public final class AuditSpool implements DiskLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSpool.class);

    public static final String CURSOR = "spool.cursor";
    /** The single spool file of earlier versions. */
    static final String LEGACY_FILE = "spool.jsonl";
    private static final Pattern SEGMENT = Pattern.compile("spool-(\\d{20})\\.jsonl");

    private final Path directory;
    private final long segmentBytes;
    private final AuditJournal.ChannelOpener opener;
    /** Open segments by number; the last one is the one appended to. */
    private final TreeMap<Long, AuditJournal> segments = new TreeMap<>();
    private long cursorSegment;
    private long cursorOffset;
    private boolean directoryChanged;
    /** Records appended since the spool was opened: the position {@link #append} returns. */
    private long appended;
    /** Of those, how many are known to be on the disk. */
    private long forcedRecords;
    private boolean closed;

    /** A spooled record: the segment it is in, its byte offsets there and its JSON. */
    public record Entry(long segment, long start, long end, String json) {
    }

    public AuditSpool(Path directory, long segmentBytes) {
        this(directory, segmentBytes, AuditJournal.FILES);
    }

    AuditSpool(Path directory, long segmentBytes, AuditJournal.ChannelOpener opener) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.opener = opener;
        try {
            Files.createDirectories(directory);
            migrateLegacySpool();
            readCursor();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Matcher name = SEGMENT.matcher(file.getFileName().toString());
                    if (name.matches()) {
                        long number = Long.parseLong(name.group(1));
                        if (number < cursorSegment) {
                            Files.delete(file);      // delivered; its deletion did not happen before a crash
                            directoryChanged = true;
                        } else {
                            segments.put(number, new AuditJournal(file, opener));
                        }
                    }
                }
            }
            if (!segments.isEmpty() && segments.firstKey() > cursorSegment) {
                cursorSegment = segments.firstKey();
                cursorOffset = 0;
            }
            AuditJournal first = segments.get(cursorSegment);
            if (first != null && cursorOffset > first.size()) {
                // a cursor past the end (an earlier version emptied its spool file before it reset the
                // cursor): deliver the segment from its start again rather than skip a record
                cursorOffset = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit spool in " + directory + ": " + e.getMessage(), e);
        }
    }

    public static String segmentName(long number) {
        return String.format("spool-%020d.jsonl", number);
    }

    /** True when {@code fileName} is one of a spool's segment files. */
    public static boolean isSegment(String fileName) {
        return SEGMENT.matcher(fileName).matches();
    }

    /** True while records wait for delivery. */
    public synchronized boolean hasPending() {
        for (Map.Entry<Long, AuditJournal> segment : segments.tailMap(cursorSegment, true).entrySet()) {
            long from = segment.getKey() == cursorSegment ? cursorOffset : 0;
            if (segment.getValue().size() > from) {
                return true;
            }
        }
        return false;
    }

    /** Bytes of the records waiting for delivery: the segments from the cursor on. */
    public synchronized long pendingBytes() {
        long pending = 0;
        for (Map.Entry<Long, AuditJournal> segment : segments.tailMap(cursorSegment, true).entrySet()) {
            long from = segment.getKey() == cursorSegment ? cursorOffset : 0;
            pending += Math.max(0, segment.getValue().size() - from);
        }
        return pending;
    }

    /** The oldest record waiting for delivery, as written; null when none waits. */
    public synchronized String oldestPending() throws IOException {
        List<Entry> first = next(1);
        return first.isEmpty() ? null : first.get(0).json();
    }

    /**
     * Appends a record behind the pending ones; it reaches the disk with the next {@link #force}.
     *
     * @return its position: the record is on the disk once {@link #forced()} reaches it
     */
    public synchronized long append(String json) throws IOException {
        AuditJournal tail = segments.isEmpty() ? null : segments.lastEntry().getValue();
        if (tail == null || tail.size() >= segmentBytes) {
            if (tail != null) {
                tail.force();       // a force covers only the last segment: this one's records go to the disk first
            }
            long number = segments.isEmpty() ? Math.max(1, cursorSegment) : segments.lastKey() + 1;
            if (segments.isEmpty()) {
                // nothing pending: the cursor moves to the start of the new segment
                cursorSegment = number;
                cursorOffset = 0;
            }
            tail = new AuditJournal(directory.resolve(segmentName(number)), opener);
            segments.put(number, tail);
            directoryChanged = true;
        }
        tail.write(json);
        return ++appended;
    }

    /** Forces what was appended before the call (and new segment files) to disk, without holding the spool. */
    @Override
    public void force() throws IOException {
        long target;
        AuditJournal tail;
        boolean newFiles;
        synchronized (this) {
            target = appended;
            tail = segments.isEmpty() ? null : segments.lastEntry().getValue();
            newFiles = directoryChanged;
            directoryChanged = false;
        }
        try {
            if (tail != null) {
                tail.force();
            }
            if (newFiles) {
                DiskSync.directory(directory);
            }
        } catch (ClosedChannelException e) {
            synchronized (this) {
                if (closed || segments.containsValue(tail)) {
                    throw e;
                }
            }
            // the segment was delivered to its end and deleted meanwhile: its records need no disk
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                directoryChanged |= newFiles;
            }
            throw e;
        }
        synchronized (this) {
            forcedRecords = Math.max(forcedRecords, target);
        }
    }

    /** The position up to which the appended records are on the disk. */
    @Override
    public synchronized long forced() {
        return forcedRecords;
    }

    /** The next pending records, oldest first, at most {@code max}. */
    public synchronized List<Entry> next(int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Long, AuditJournal> segment : segments.tailMap(cursorSegment, true).entrySet()) {
            long from = segment.getKey() == cursorSegment ? cursorOffset : 0;
            for (AuditJournal.Entry entry : segment.getValue().read(from, max - entries.size())) {
                entries.add(new Entry(segment.getKey(), entry.start(), entry.end(), entry.json()));
            }
            if (entries.size() >= max) {
                break;
            }
        }
        return entries;
    }

    /** Moves the cursor past a delivered record; records must be delivered in order. */
    public synchronized void delivered(Entry entry) {
        boolean atCursor = entry.segment() == cursorSegment && entry.start() == cursorOffset
                || entry.segment() > cursorSegment && entry.start() == 0 && segmentsBetweenAreDone(entry.segment());
        if (!atCursor) {
            throw new IllegalStateException("spooled records must be delivered in order: the cursor is at segment "
                    + cursorSegment + " offset " + cursorOffset + ", got segment " + entry.segment() + " offset "
                    + entry.start());
        }
        cursorSegment = entry.segment();
        cursorOffset = entry.end();
    }

    /** True when every segment before {@code segment} has been read to its end from the cursor on. */
    private boolean segmentsBetweenAreDone(long segment) {
        for (Map.Entry<Long, AuditJournal> earlier : segments.subMap(cursorSegment, true, segment, false).entrySet()) {
            long from = earlier.getKey() == cursorSegment ? cursorOffset : 0;
            if (earlier.getValue().size() > from) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the cursor to disk and deletes the segments whose records were all delivered (the one
     * appended to as well, once it is delivered to its end).
     */
    public synchronized void commit() throws IOException {
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, AuditJournal> segment : segments.entrySet()) {
            long number = segment.getKey();
            boolean delivered = number < cursorSegment
                    || number == cursorSegment && cursorOffset >= segment.getValue().size();
            if (!delivered) {
                break;
            }
            done.add(number);
        }
        if (!done.isEmpty()) {
            long last = done.get(done.size() - 1);
            if (last >= cursorSegment) {
                // everything delivered: the next record starts the next segment
                cursorSegment = last + 1;
                cursorOffset = 0;
            }
        }
        DiskSync.replace(directory.resolve(CURSOR), cursorSegment + " " + cursorOffset + "\n");
        for (long number : done) {
            segments.remove(number).close();
            Files.deleteIfExists(directory.resolve(segmentName(number)));
        }
        if (!done.isEmpty()) {
            DiskSync.directory(directory);
        }
    }

    /** The number of segment files the spool holds. */
    public synchronized int segmentCount() {
        return segments.size();
    }

    private void readCursor() throws IOException {
        Path file = directory.resolve(CURSOR);
        cursorSegment = 1;
        cursorOffset = 0;
        if (!Files.exists(file)) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return;
        }
        try {
            String[] parts = text.split("\\s+");
            if (parts.length == 1) {
                cursorOffset = Long.parseLong(parts[0]);        // an earlier version's cursor: an offset in segment 1
            } else {
                cursorSegment = Long.parseLong(parts[0]);
                cursorOffset = Long.parseLong(parts[1]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cannot read the audit spool cursor " + file + ": '" + text + "'", e);
        }
    }

    private void migrateLegacySpool() throws IOException {
        Path legacy = directory.resolve(LEGACY_FILE);
        if (Files.exists(legacy)) {
            Path first = directory.resolve(segmentName(1));
            LOG.info("audit spool {}: {} from an earlier version becomes {}", directory, LEGACY_FILE, first.getFileName());
            Files.move(legacy, first, StandardCopyOption.ATOMIC_MOVE);
            DiskSync.directory(directory);
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }

    @Override
    public synchronized void close() {
        closed = true;
        segments.values().forEach(AuditJournal::close);
        segments.clear();
    }
}
