package io.regiongate.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fires many chat completions at once, all started inside one wall-clock second, and tells whether
 * every answer came back inside that same second, so a per-second limit can be asserted exactly.
 */
public final class ChatBurst {

    public static final String SMALL_REQUEST = "{\"model\":\"gpt-4o\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** What one burst got back: the answers and the second windows it touched. */
    public record Result(List<HttpResponse<String>> responses, long firstSecond, long lastSecond) {

        public long count(int status) {
            return responses.stream().filter(response -> response.statusCode() == status).count();
        }

        public boolean withinOneSecond() {
            return firstSecond == lastSecond;
        }

        public long secondsTouched() {
            return lastSecond - firstSecond + 1;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public HttpResponse<String> send(URI uri, String bearer, String json) {
        return fire(List.of(uri), 1, bearer, json, false).responses().get(0);
    }

    /**
     * Sends {@code perTarget} requests to each target concurrently, starting just after a second
     * boundary.
     */
    public Result fire(List<URI> targets, int perTarget, String bearer, String json, boolean atSecondBoundary) {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < perTarget; i++) {
            for (URI target : targets) {
                requests.add(HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
            }
        }
        if (atSecondBoundary) {
            awaitStartOfSecond();
        }
        long first = System.currentTimeMillis() / 1000;
        List<CompletableFuture<HttpResponse<String>>> pending = requests.stream()
                .map(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> responses = pending.stream().map(CompletableFuture::join).toList();
        long last = System.currentTimeMillis() / 1000;
        return new Result(responses, first, last);
    }

    /** Returns in the first 20 ms of a wall-clock second: waits on the clock, never a guessed pause. */
    private static void awaitStartOfSecond() {
        long now = System.currentTimeMillis();
        long next = (now / 1000 + 1) * 1000;
        while (System.currentTimeMillis() < next) {
            long left = next - System.currentTimeMillis();
            if (left > 2) {
                try {
                    Thread.sleep(left - 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
