package io.regiongate.sse;

import java.io.InputStream;

/**
 * A body of which only the first {@code delivered} bytes have arrived. A real socket would block
 * on a read past them; this one fails the test instead, so a reader that reads ahead is caught.
 */
final class DeliveredUpToInputStream extends InputStream {

    private final byte[] bytes;
    private int delivered;
    private int position;

    DeliveredUpToInputStream(byte[] bytes, int delivered) {
        this.bytes = bytes;
        this.delivered = delivered;
    }

    void deliverAll() {
        delivered = bytes.length;
    }

    @Override
    public int read() {
        if (position >= bytes.length) {
            return -1;
        }
        if (position >= delivered) {
            throw new AssertionError("read byte " + position + " which has not arrived yet (only " + delivered
                    + " have); a real upstream connection would block here");
        }
        return bytes[position++] & 0xff;
    }

    @Override
    public int available() {
        return Math.max(0, delivered - position);
    }
}
