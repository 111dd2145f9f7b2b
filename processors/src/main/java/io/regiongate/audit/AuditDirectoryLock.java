package io.regiongate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive claim of one runtime on its audit directory (journal, spool, dead letters, writer
 * state): an operating-system lock ({@link FileChannel#tryLock()}) on {@value #FILE} in it, held
 * for the life of the process and released by the operating system when the process ends, also
 * on {@code kill -9}. Two runtimes appending to one spool or journal would interleave two chains
 * and overwrite each other's cursor; the second one therefore refuses to start.
 */
public final class AuditDirectoryLock implements AutoCloseable {

    public static final String FILE = "audit.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private AuditDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** The directory is locked by another process (or another runtime in this one). */
    public static final class InUse extends RuntimeException {

        public InUse(String message) {
            super(message);
        }
    }

    /**
     * Creates the directory when needed and locks it; writes this process's id into the lock file
     * so that a second runtime can name the holder.
     *
     * @throws InUse when another runtime holds it
     */
    public static AuditDirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new InUse("audit directory " + directory + " is in use by another runtime"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; each runtime needs an audit.journal directory of its own");
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new AuditDirectoryLock(directory, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the audit directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
