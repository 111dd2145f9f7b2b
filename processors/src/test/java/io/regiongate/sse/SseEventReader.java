package io.regiongate.sse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Reads server-sent events one at a time from a blocking byte stream, with an {@link SseEventParser}:
 * how the tests feed it recorded fixtures in every kind of piece, and read the bodies they receive.
 * It returns an event as soon as its blank line has been read and never reads ahead of it: it asks
 * the stream only for bytes that have already arrived (or for one, when none has), so a read never
 * waits for bytes the current event does not need.
 */
public final class SseEventReader {

    private static final int BUFFER_BYTES = 8192;

    private final InputStream in;
    private final SseEventParser parser;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ArrayDeque<SseEvent> parsed = new ArrayDeque<>();
    private boolean ended;

    /**
     * @param in            the body; need not be buffered
     * @param maxEventBytes the largest event accepted; a larger one fails the stream
     */
    public SseEventReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.parser = new SseEventParser(maxEventBytes);
    }

    /** @return the next event, or null when the stream has ended cleanly between events */
    public SseEvent next() throws IOException {
        while (parsed.isEmpty()) {
            if (ended) {
                return null;
            }
            int read = in.read(buffer, 0, Math.max(1, Math.min(buffer.length, in.available())));
            if (read < 0) {
                ended = true;
                parser.finish(parsed::add);
            } else {
                parser.feed(buffer, 0, read, parsed::add);
            }
        }
        return parsed.poll();
    }
}
