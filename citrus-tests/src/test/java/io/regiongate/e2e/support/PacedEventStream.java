package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor's streamed completion: a 200 {@code text/event-stream} whose events it writes one at a
 * time with a pause between them, as a model generating tokens does. It notes when it wrote each
 * event and whether the connection failed under it (the client, or the gateway, went away).
 *
 * <p>The pause between events is the vendor's own pacing, the one place a test upstream sleeps.
 * One instance serves one stream: mount a new one per request.
 */
public final class PacedEventStream implements HttpHandler {

    private final List<String> events;
    private final Duration interval;
    private final List<Long> writtenAtNanos = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> brokenAtNanos = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    public PacedEventStream(List<String> events, Duration interval) {
        this.events = List.copyOf(events);
        this.interval = interval;
    }

    /** One OpenAI {@code chat.completion.chunk} event per word (each with an {@code id:}), then {@code [DONE]}. */
    public static List<String> chunkEvents(String completionId, List<String> words) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String content = (i == 0 ? "" : " ") + words.get(i);
            events.add("id: " + (i + 1) + "\n"
                    + "data: {\"id\":\"" + completionId + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
                    + "\"},\"finish_reason\":null}]}\n\n");
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    pace();
                }
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                writtenAtNanos.add(System.nanoTime());
            }
            finished.complete(null);
        } catch (IOException e) {
            brokenAtNanos.complete(System.nanoTime());
            throw e;
        }
    }

    public List<String> events() {
        return events;
    }

    /** When each event was written and flushed, in {@link System#nanoTime()}. */
    public List<Long> writtenAtNanos() {
        return List.copyOf(writtenAtNanos);
    }

    public int eventsWritten() {
        return writtenAtNanos.size();
    }

    /** Completes with the {@link System#nanoTime()} of the first write that failed. */
    public CompletableFuture<Long> brokenAtNanos() {
        return brokenAtNanos;
    }

    public CompletableFuture<Void> finished() {
        return finished;
    }

    private void pace() throws IOException {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the paced stream was interrupted", e);
        }
    }
}
