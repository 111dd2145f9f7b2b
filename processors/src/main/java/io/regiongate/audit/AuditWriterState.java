package io.regiongate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the audit writer of a directory must not forget when its process is killed: a small file
 * ({@value #FILE}) mapped into memory, so that every update is in the operating system's page
 * cache the moment it is made and survives {@code kill -9} of the process without a system call
 * per update. It is forced to disk when a runtime starts and when it stops cleanly; in between
 * the operating system writes it back in its own time (Linux: within about 30 s). Forcing it
 * more often would not pay: each force write-protects the page, and every request's next update
 * then takes a page fault that waits on the file system's journal (measured: a force every
 * 200 ms raised a {@code sync} tenant's p99 several times over). A crash of the machine (not of
 * the process) can thus lose its latest updates.
 * <ul>
 *   <li>the last entry known to be written (delivered to Kafka, spooled, journaled or
 *       dead-lettered): writer, seq and hash; the next writer's chain links to it;</li>
 *   <li>two counters: requests begun, and requests accounted for (their record, or the refusal
 *       summary that counts them, written). After an unclean stop their difference is the number
 *       of requests that have no record;</li>
 *   <li>refused requests counted but not yet handed on in a summary;</li>
 *   <li>the clean-stop mark: set by a runtime that stopped with every record written, cleared
 *       while one runs.</li>
 * </ul>
 * The counters are updated atomically by many threads; the last entry by the writer under its
 * lock, into the inactive one of two slots, which is then made active with one aligned write, so
 * that a kill in the middle of an update leaves the previous entry intact.
 */
public final class AuditWriterState implements AutoCloseable {

    public static final String FILE = "writer.state";

    private static final int SIZE = 1024;
    private static final int MAGIC = 0x52475731;   // "RGW1"
    private static final int OFF_MAGIC = 0;
    private static final int OFF_CLEAN = 4;
    private static final int OFF_BEGUN = 8;
    private static final int OFF_ACCOUNTED = 16;
    private static final int OFF_REFUSALS = 24;
    private static final int OFF_ACTIVE_SLOT = 32;
    private static final int OFF_SLOTS = 64;
    private static final int SLOT_SIZE = 448;
    private static final int SLOT_SEQ = 0;
    private static final int SLOT_HASH = 8;          // 32 bytes
    private static final int SLOT_WRITER_LENGTH = 40;
    private static final int SLOT_WRITER = 44;
    private static final int MAX_WRITER_BYTES = SLOT_SIZE - SLOT_WRITER;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final boolean existed;

    private AuditWriterState(Path file, FileChannel channel, MappedByteBuffer map, boolean existed) {
        this.file = file;
        this.channel = channel;
        this.map = map;
        this.existed = existed;
    }

    /** Opens (or creates, as after a clean stop with nothing written) the state file of a directory. */
    public static AuditWriterState open(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            boolean existed = Files.exists(file) && Files.size(file) >= SIZE;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            map.order(ByteOrder.nativeOrder());
            AuditWriterState state = new AuditWriterState(file, channel, map, existed);
            if (!existed || (int) INTS.getVolatile(map, OFF_MAGIC) != MAGIC) {
                state.initialise();
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit writer state " + file + ": " + e.getMessage(), e);
        }
    }

    private void initialise() throws IOException {
        for (int i = 0; i < SIZE; i += 8) {
            LONGS.setVolatile(map, i, 0L);
        }
        INTS.setVolatile(map, OFF_CLEAN, 1);
        INTS.setVolatile(map, OFF_MAGIC, MAGIC);
        map.force();
        DiskSync.directory(file.toAbsolutePath().getParent());
    }

    /** False when the previous runtime of this directory did not stop cleanly (it was killed, or crashed). */
    public boolean cleanlyStopped() {
        return (int) INTS.getVolatile(map, OFF_CLEAN) == 1;
    }

    /** Whether the file was there before: a directory that had a writer. */
    public boolean existed() {
        return existed;
    }

    /** A runtime starts using the directory: cleared until {@link #markCleanStop}. Forced to disk. */
    public void markRunning() {
        INTS.setVolatile(map, OFF_CLEAN, 0);
        map.force();
    }

    /** The runtime stopped with every record written. Forced to disk. */
    public void markCleanStop() {
        INTS.setVolatile(map, OFF_CLEAN, 1);
        map.force();
    }

    /** One more request begun; its record (or its refusal summary) is owed to the trail. */
    public void requestBegun() {
        LONGS.getAndAdd(map, OFF_BEGUN, 1L);
    }

    /** {@code requests} begun requests are accounted for: their record or summary was written. */
    public void accounted(long requests) {
        if (requests != 0) {
            LONGS.getAndAdd(map, OFF_ACCOUNTED, requests);
        }
    }

    /** A request refused before a tenant was known was counted for the next summary. */
    public void refusalCounted() {
        LONGS.getAndAdd(map, OFF_REFUSALS, 1L);
    }

    /** A summary of {@code requests} refused requests was handed to the writer. */
    public void refusalsSummarised(long requests) {
        LONGS.getAndAdd(map, OFF_REFUSALS, -requests);
    }

    /** Requests begun that are not accounted for yet (the records in memory, on their way). */
    public long unaccounted() {
        return (long) LONGS.getVolatile(map, OFF_BEGUN) - (long) LONGS.getVolatile(map, OFF_ACCOUNTED);
    }

    /** Refused requests counted that no summary handed to the writer covers yet. */
    public long refusalsNotSummarised() {
        return (long) LONGS.getVolatile(map, OFF_REFUSALS);
    }

    /** Starts the counts afresh (after their loss was recorded). */
    public void resetCounters() {
        LONGS.setVolatile(map, OFF_BEGUN, 0L);
        LONGS.setVolatile(map, OFF_ACCOUNTED, 0L);
        LONGS.setVolatile(map, OFF_REFUSALS, 0L);
        map.force();
    }

    /** The last entry known to be written, by this writer or an earlier one of the directory. */
    public Optional<AuditRecord.ChainLink> lastWritten() {
        int slot = (int) INTS.getAcquire(map, OFF_ACTIVE_SLOT);
        int base = OFF_SLOTS + slot * SLOT_SIZE;
        long seq = (long) LONGS.get(map, base + SLOT_SEQ);
        if (seq <= 0) {
            return Optional.empty();
        }
        byte[] hash = new byte[32];
        map.get(base + SLOT_HASH, hash);
        int length = (int) INTS.get(map, base + SLOT_WRITER_LENGTH);
        if (length <= 0 || length > MAX_WRITER_BYTES) {
            return Optional.empty();
        }
        byte[] writer = new byte[length];
        map.get(base + SLOT_WRITER, writer);
        return Optional.of(new AuditRecord.ChainLink(new String(writer, StandardCharsets.UTF_8), seq, null,
                HexFormat.of().formatHex(hash)));
    }

    /** An entry was written; called in chain order by the writer (one thread at a time). */
    public void written(AuditRecord.ChainLink link) {
        byte[] writer = link.writer().getBytes(StandardCharsets.UTF_8);
        if (writer.length > MAX_WRITER_BYTES) {
            throw new IllegalArgumentException("writer name longer than " + MAX_WRITER_BYTES + " bytes");
        }
        int inactive = 1 - (int) INTS.getAcquire(map, OFF_ACTIVE_SLOT);
        int base = OFF_SLOTS + inactive * SLOT_SIZE;
        LONGS.set(map, base + SLOT_SEQ, link.seq());
        map.put(base + SLOT_HASH, HexFormat.of().parseHex(link.hash()));
        INTS.set(map, base + SLOT_WRITER_LENGTH, writer.length);
        map.put(base + SLOT_WRITER, writer);
        INTS.setRelease(map, OFF_ACTIVE_SLOT, inactive);
    }

    /** Puts the state on the disk (it is in the page cache already); at start and at a clean stop. */
    public void force() {
        map.force();
    }

    @Override
    public String toString() {
        return file.toString();
    }

    @Override
    public void close() {
        map.force();
        try {
            channel.close();
        } catch (IOException e) {
            // the mapping stays valid until collected; nothing to lose
        }
    }
}
