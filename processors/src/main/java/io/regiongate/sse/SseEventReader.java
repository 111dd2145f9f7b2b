package io.regiongate.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events one at a time from a byte stream, as they arrive. It returns an event
 * as soon as its blank line has been read and never reads ahead of it, so no event waits for the
 * next. Lines may end in LF, CRLF or CR; comment lines ({@code :...}) are kept in the raw bytes
 * but are not data; a stream that ends inside an event yields it marked unterminated.
 */
public final class SseEventReader {

    private static final int CR = '\r';
    private static final int LF = '\n';

    private final PushbackInputStream in;
    private final int maxEventBytes;
    private boolean pendingLfAfterCr;

    /**
     * @param in            the upstream body; read byte by byte, so pass a buffered stream
     * @param maxEventBytes the largest event accepted; a larger one fails the stream
     */
    public SseEventReader(InputStream in, int maxEventBytes) {
        this.in = new PushbackInputStream(in, 1);
        this.maxEventBytes = maxEventBytes;
    }

    /** @return the next event, or null when the stream has ended cleanly between events */
    public SseEvent next() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
        StringBuilder data = null;
        String event = null;
        String id = null;
        boolean sawLine = false;
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int end = readLine(line, raw);
            if (end == -1 && line.size() == 0) {
                return sawLine ? new SseEvent(raw.toByteArray(), text(data), event, id, false) : null;
            }
            if (line.size() == 0 && end != -1) {
                if (!sawLine) {
                    continue;
                }
                return new SseEvent(raw.toByteArray(), text(data), event, id, true);
            }
            sawLine = true;
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.startsWith(":")) {
                int colon = text.indexOf(':');
                String field = colon < 0 ? text : text.substring(0, colon);
                String value = colon < 0 ? "" : text.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "event" -> event = value;
                    case "id" -> id = value;
                    default -> { }
                }
            }
            if (end == -1) {
                return new SseEvent(raw.toByteArray(), text(data), event, id, false);
            }
        }
    }

    /** Reads one line into {@code line} (without its ending) and copies every byte to {@code raw}. */
    private int readLine(ByteArrayOutputStream line, ByteArrayOutputStream raw) throws IOException {
        while (true) {
            int b = in.read();
            if (b == -1) {
                return -1;
            }
            if (pendingLfAfterCr) {
                pendingLfAfterCr = false;
                if (b == LF) {
                    continue;
                }
            }
            raw.write(b);
            if (raw.size() > maxEventBytes) {
                throw new IOException("an upstream event exceeded " + maxEventBytes + " bytes");
            }
            if (b == LF) {
                return LF;
            }
            if (b == CR) {
                takeLfOfCrLf(raw);
                return CR;
            }
            line.write(b);
        }
    }

    /**
     * Keeps a CRLF pair in the event it ends when the LF has already arrived; otherwise the LF is
     * skipped when it comes, rather than waiting for it, which could hold the event back.
     */
    private void takeLfOfCrLf(ByteArrayOutputStream raw) throws IOException {
        if (in.available() > 0) {
            int next = in.read();
            if (next == LF) {
                raw.write(next);
            } else if (next != -1) {
                in.unread(next);
            }
        } else {
            pendingLfAfterCr = true;
        }
    }

    private static String text(StringBuilder data) {
        return data == null ? null : data.toString();
    }
}
