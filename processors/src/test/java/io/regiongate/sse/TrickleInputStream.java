package io.regiongate.sse;

import java.io.InputStream;

/**
 * A network body that arrives a few bytes at a time: each read returns 1, 2 or 3 bytes in turn,
 * and nothing beyond the bytes already returned is ever reported as available.
 */
final class TrickleInputStream extends InputStream {

    private static final int[] CHUNKS = {1, 3, 2, 2, 1, 3, 3, 1};

    private final byte[] bytes;
    private int position;
    private int reads;

    TrickleInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= bytes.length) {
            return -1;
        }
        int count = Math.min(Math.min(length, CHUNKS[reads++ % CHUNKS.length]), bytes.length - position);
        System.arraycopy(bytes, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return 0;
    }
}
