package io.regiongate.sse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts server-sent events out of bytes as they arrive, in whatever pieces: each event is handed on
 * as soon as its blank line has been fed, never later. Lines may end in LF, CRLF or CR; comment
 * lines ({@code :...}) are kept in the raw bytes but are not data; a stream that ends inside an
 * event yields it marked unterminated. One parser per stream, fed from one thread at a time.
 *
 * <p>A CR ends its line at once. The LF of a CRLF pair is kept in the event when it came in the
 * same piece, and skipped when it comes first in the next: waiting for it could hold an event back.
 */
public final class SseEventParser {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxEventBytes;
    private EventBytes raw;
    private int lineStart;
    private boolean sawLine;
    private StringBuilder data;
    private String event;
    private String id;
    private boolean pendingLfAfterCr;

    /** @param maxEventBytes the largest event accepted; a larger one fails the stream */
    public SseEventParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
        this.raw = new EventBytes(maxEventBytes);
    }

    /**
     * Takes bytes that arrived and hands every event they complete to {@code sink}, in order.
     *
     * @throws IOException when an event grows beyond the largest accepted
     */
    public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) throws IOException {
        int position = offset;
        int limit = offset + length;
        if (pendingLfAfterCr && position < limit) {
            pendingLfAfterCr = false;
            if (bytes[position] == LF) {
                position++;
            }
        }
        while (position < limit) {
            int scan = position;
            while (scan < limit && bytes[scan] != LF && bytes[scan] != CR) {
                scan++;
            }
            raw.append(bytes, position, scan - position);
            if (scan == limit) {
                return;
            }
            int lineLength = raw.size() - lineStart;
            byte ending = bytes[scan];
            raw.append(ending);
            position = scan + 1;
            if (ending == CR) {
                if (position < limit) {
                    if (bytes[position] == LF) {
                        raw.append(LF);
                        position++;
                    }
                } else {
                    pendingLfAfterCr = true;
                }
            }
            endOfLine(lineLength, sink);
        }
    }

    /** The stream ended: an event begun and not closed by a blank line is handed on, unterminated. */
    public void finish(Consumer<SseEvent> sink) {
        int lineLength = raw.size() - lineStart;
        if (lineLength > 0) {
            field(lineLength);
            sawLine = true;
        }
        if (sawLine) {
            sink.accept(new SseEvent(raw.toByteArray(), text(), event, id, false));
        }
        reset();
    }

    private void endOfLine(int lineLength, Consumer<SseEvent> sink) {
        if (lineLength == 0) {
            if (sawLine) {
                SseEvent complete = new SseEvent(raw.toByteArray(), text(), event, id, true);
                reset();
                sink.accept(complete);
            } else {
                // blank lines before an event stay in its raw bytes, as they came
                lineStart = raw.size();
            }
            return;
        }
        sawLine = true;
        field(lineLength);
        lineStart = raw.size();
    }

    private void field(int lineLength) {
        Field field = Field.of(raw.bytes(), lineStart, lineLength);
        if (field == null) {
            return;
        }
        String value = field.value(raw.bytes(), lineStart, lineLength);
        switch (field) {
            case DATA -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case EVENT -> event = value;
            case ID -> id = value;
        }
    }

    private void reset() {
        raw = new EventBytes(maxEventBytes);
        lineStart = 0;
        sawLine = false;
        data = null;
        event = null;
        id = null;
    }

    private String text() {
        return data == null ? null : data.toString();
    }

    /** The fields RegionGate reads; any other field, and a comment line, is kept in the raw bytes only. */
    private enum Field {
        DATA("data"), EVENT("event"), ID("id");

        private static final Field[] ALL = values();

        private final byte[] name;

        Field(String name) {
            this.name = name.getBytes(StandardCharsets.US_ASCII);
        }

        /** The field a line sets, or null (a comment, or a field not read). */
        static Field of(byte[] bytes, int start, int length) {
            for (Field field : ALL) {
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
