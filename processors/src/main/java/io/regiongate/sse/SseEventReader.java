package io.regiongate.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events one at a time from a byte stream, as they arrive. It returns an event
 * as soon as its blank line has been read and never reads ahead of it, so no event waits for the
 * next. Lines may end in LF, CRLF or CR; comment lines ({@code :...}) are kept in the raw bytes
 * but are not data; a stream that ends inside an event yields it marked unterminated.
 *
 * <p>It keeps its own buffer and scans it for line ends, rather than reading byte by byte: a
 * gateway relaying thousands of streams reads every byte of every event here. It asks the stream
 * only for bytes that have already arrived (or for one, when none has), so a read never waits for
 * bytes the current event does not need.
 */
public final class SseEventReader {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int BUFFER_BYTES = 8192;
    private static final int END_OF_STREAM = -1;

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean pendingLfAfterCr;

    /**
     * @param in            the upstream body; need not be buffered
     * @param maxEventBytes the largest event accepted; a larger one fails the stream
     */
    public SseEventReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** @return the next event, or null when the stream has ended cleanly between events */
    public SseEvent next() throws IOException {
        EventBytes raw = new EventBytes(maxEventBytes);
        StringBuilder data = null;
        String event = null;
        String id = null;
        boolean sawLine = false;
        while (true) {
            int lineStart = raw.size();
            int end = readLine(raw);
            int lineLength = raw.lineLength(lineStart, end);
            if (end == END_OF_STREAM && lineLength == 0) {
                return sawLine ? new SseEvent(raw.toByteArray(), text(data), event, id, false) : null;
            }
            if (lineLength == 0) {
                if (!sawLine) {
                    continue;
                }
                return new SseEvent(raw.toByteArray(), text(data), event, id, true);
            }
            sawLine = true;
            Field field = Field.of(raw.bytes(), lineStart, lineLength);
            if (field != null) {
                String value = field.value(raw.bytes(), lineStart, lineLength);
                switch (field) {
                    case DATA -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case EVENT -> event = value;
                    case ID -> id = value;
                }
            }
            if (end == END_OF_STREAM) {
                return new SseEvent(raw.toByteArray(), text(data), event, id, false);
            }
        }
    }

    /** Appends one line and its ending to {@code raw}; returns the ending (LF or CR), or END_OF_STREAM. */
    private int readLine(EventBytes raw) throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return END_OF_STREAM;
            }
            if (pendingLfAfterCr) {
                pendingLfAfterCr = false;
                if (buffer[position] == LF) {
                    position++;
                    continue;
                }
            }
            int scan = position;
            while (scan < limit && buffer[scan] != LF && buffer[scan] != CR) {
                scan++;
            }
            raw.append(buffer, position, scan - position);
            position = scan;
            if (scan == limit) {
                continue;
            }
            byte ending = buffer[position++];
            raw.append(ending);
            if (ending == CR) {
                takeLfOfCrLf(raw);
            }
            return ending;
        }
    }

    /**
     * Keeps a CRLF pair in the event it ends when the LF has already arrived; otherwise the LF is
     * skipped when it comes, rather than waiting for it, which could hold the event back.
     */
    private void takeLfOfCrLf(EventBytes raw) throws IOException {
        if (position == limit && (in.available() <= 0 || !fill())) {
            pendingLfAfterCr = true;
            return;
        }
        if (buffer[position] == LF) {
            raw.append(buffer[position++]);
        }
    }

    /** Reads what has arrived, at least one byte (waiting for it); false at the end of the stream. */
    private boolean fill() throws IOException {
        int wanted = Math.max(1, Math.min(buffer.length, in.available()));
        int read = in.read(buffer, 0, wanted);
        if (read <= 0) {
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private static String text(StringBuilder data) {
        return data == null ? null : data.toString();
    }

    /** The fields RegionGate reads; any other field, and a comment line, is kept in the raw bytes only. */
    private enum Field {
        DATA("data"), EVENT("event"), ID("id");

        private final byte[] name;

        Field(String name) {
            this.name = name.getBytes(StandardCharsets.US_ASCII);
        }

        /** The field a line sets, or null (a comment, or a field not read). */
        static Field of(byte[] bytes, int start, int length) {
            for (Field field : values()) {
                if (field.names(bytes, start, length)) {
                    return field;
                }
            }
            return null;
        }

        private boolean names(byte[] bytes, int start, int length) {
            if (length < name.length || !Arrays.equals(bytes, start, start + name.length, name, 0, name.length)) {
                return false;
            }
            return length == name.length || bytes[start + name.length] == ':';
        }

        /** The value after the colon, less one leading space; empty for a line without a colon. */
        String value(byte[] bytes, int start, int length) {
            int from = start + name.length + 1;
            int to = start + length;
            if (from > to) {
                return "";
            }
            if (from < to && bytes[from] == ' ') {
                from++;
            }
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
    }

    /** The bytes of the event being read, bounded by the largest event accepted. */
    private static final class EventBytes {
        private final int max;
        private byte[] bytes = new byte[256];
        private int size;

        EventBytes(int max) {
            this.max = max;
        }

        void append(byte[] source, int offset, int length) throws IOException {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        void append(byte b) throws IOException {
            ensure(1);
            bytes[size++] = b;
        }

        private void ensure(int more) throws IOException {
            if (size + more > max) {
                throw new IOException("an upstream event exceeded " + max + " bytes");
            }
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(bytes.length * 2, size + more)));
            }
        }

        /** The length of the line read from {@code lineStart}, without its ending. */
        int lineLength(int lineStart, int ending) {
            int length = size - lineStart;
            if (ending == END_OF_STREAM) {
                return length;
            }
            boolean crLf = ending == CR && length >= 2 && bytes[size - 1] == LF && bytes[size - 2] == CR;
            return length - (crLf ? 2 : 1);
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
