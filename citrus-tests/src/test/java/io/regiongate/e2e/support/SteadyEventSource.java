package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vendor that streams, to every request, {@code count} numbered events of about
 * {@code eventBytes} each, {@code interval} apart, then a usage chunk and {@code [DONE]}: a steady producer whose
 * writes block when its reader stops reading. It counts the bytes it managed to write across all
 * its streams, so a scenario can see when backpressure slowed it down.
 */
public final class SteadyEventSource implements HttpHandler {

    private static final String PADDING = "0123456789abcdef";
    /** The usage chunk sent before {@code [DONE]}, as a vendor asked for usage does. */
    public static final String USAGE_DATA = "{\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1000,\"total_tokens\":1010}}";

    private final int count;
    private final int eventBytes;
    private final Duration interval;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong streamsFinished = new AtomicLong();

    public SteadyEventSource(int count, int eventBytes, Duration interval) {
        this.count = count;
        this.eventBytes = eventBytes;
        this.interval = interval;
    }

    /**
     * The data of event {@code n} (1-based): a one-word delta, padded to the event size in an
     * {@code obfuscation} field, as OpenAI pads stream chunks: bulk for the wire, little for the tokenizer.
     */
    public String data(int n) {
        String head = "{\"n\":" + n + ",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\" w" + n + "\"}}],\"obfuscation\":\"";
        String tail = "\"}";
        int padding = Math.max(0, eventBytes - head.length() - tail.length() - 8);
        return head + PADDING.repeat(padding / PADDING.length() + 1).substring(0, padding) + tail;
    }

    public int count() {
        return count;
    }

    /** Bytes written so far, over all streams. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Bytes of one whole stream. */
    public long streamBytes() {
        long total = 0;
        for (int n = 1; n <= count; n++) {
            total += ("data: " + data(n) + "\n\n").length();
        }
        return total + ("data: " + USAGE_DATA + "\n\ndata: [DONE]\n\n").length();
    }

    public long streamsFinished() {
        return streamsFinished.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int n = 1; n <= count + 1; n++) {
            byte[] event = (n <= count ? "data: " + data(n) + "\n\n" : "data: " + USAGE_DATA + "\n\ndata: [DONE]\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(event);
            out.flush();
            bytesWritten.addAndGet(event.length);
            if (n <= count && !interval.isZero()) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        streamsFinished.incrementAndGet();
    }
}
