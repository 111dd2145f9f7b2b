package io.regiongate.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A real file channel whose next write can be made to fail halfway (part of the bytes written,
 * then an I/O error, as a full disk does), and whose next truncate can be made to fail too. It
 * also keeps the file's size at each force, and can hold the next force until released (a slow
 * disk), to show what waits for the disk and what does not.
 */
final class FlakyFileChannel extends FileChannel {

    private final FileChannel file;
    private boolean failNextWrite;
    private boolean failNextTruncate;
    private final List<Long> forcedSizes = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch forceEntered;
    private volatile CountDownLatch forceReleased;

    FlakyFileChannel(FileChannel file) {
        this.file = file;
    }

    void failNextWriteHalfway() {
        failNextWrite = true;
    }

    void failNextTruncate() {
        failNextTruncate = true;
    }

    /** The next force waits in the system call until {@link #releaseForce}; returns a latch counted down once it is there. */
    CountDownLatch holdNextForce() {
        forceEntered = new CountDownLatch(1);
        forceReleased = new CountDownLatch(1);
        return forceEntered;
    }

    void releaseForce() {
        CountDownLatch released = forceReleased;
        if (released != null) {
            released.countDown();
        }
    }

    /** The file's size when each force began, in order. */
    List<Long> forcedSizes() {
        return forcedSizes;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (failNextWrite) {
            failNextWrite = false;
            ByteBuffer half = src.duplicate();
            half.limit(src.position() + src.remaining() / 2);
            int written = file.write(half, position);
            src.position(src.position() + written);
            throw new IOException("No space left on device");
        }
        return file.write(src, position);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (failNextTruncate) {
            failNextTruncate = false;
            throw new IOException("Input/output error");
        }
        file.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        forcedSizes.add(file.size());
        CountDownLatch entered = forceEntered;
        if (entered != null) {
            forceEntered = null;
            entered.countDown();
            try {
                forceReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
