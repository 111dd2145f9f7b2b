package io.regiongate.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as it came off the wire.
 *
 * @param raw        the exact bytes of the event including its terminating blank line, to relay unchanged
 * @param data       the {@code data:} lines joined by a newline, or null when the event had none
 * @param event      the {@code event:} field, or null
 * @param id         the {@code id:} field, or null
 * @param terminated false when the stream ended before the event's blank line
 */
public record SseEvent(byte[] raw, String data, String event, String id, boolean terminated) {

    public static final String DONE = "[DONE]";

    public boolean isDone() {
        return DONE.equals(data);
    }

    /** The event as it should be written to a client: the raw bytes, closed by a blank line. */
    public byte[] wireBytes() {
        if (terminated) {
            return raw;
        }
        byte[] closing = "\n\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[raw.length + closing.length];
        System.arraycopy(raw, 0, bytes, 0, raw.length);
        System.arraycopy(closing, 0, bytes, raw.length, closing.length);
        return bytes;
    }
}
