package io.regiongate.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Fires many chat completions at once, all started inside one wall-clock second, and tells whether
 * every answer came back inside that same second, so a per-second limit can be asserted exactly.
 */
public final class ChatBurst {

    public static final String SMALL_REQUEST = "{\"model\":\"gpt-4o\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /**
     * What one burst got back: the answers, when each was sent and when it arrived (epoch millis,
     * same order), and the second windows it touched.
     */
    public record Result(List<HttpResponse<String>> responses, List<Long> sentAtMillis, List<Long> receivedAtMillis,
                         long firstSecond, long lastSecond) {

        public long count(int status) {
            return responses.stream().filter(response -> response.statusCode() == status).count();
        }

        public boolean withinOneSecond() {
            return firstSecond == lastSecond;
        }

        public long secondsTouched() {
            return lastSecond - firstSecond + 1;
        }

        /**
         * The answers grouped by the one-second request window that counted them (keyed by the
         * window's end, in epoch seconds), so that a per-second limit can be judged exactly even
         * when a loaded machine spreads a burst over several seconds.
         *
         * <p>An answer was counted at some instant between its sending and its arrival, and its
         * {@code x-ratelimit-reset-requests} is the rest of that window: the window ends at a whole
         * second between sending plus reset and arrival plus reset. A slow answer leaves two
         * candidates; an admission is then placed in the earliest one where no other admission
         * already took its {@code x-ratelimit-remaining-requests} place (each place is taken once
         * per window when the count is shared), and a refusal in the candidate that admitted most.
         * A gateway that admits one place twice in a window still shows it: the two cannot both be
         * placed.
         */
        public Map<Long, List<HttpResponse<String>>> byRequestWindow() {
            Map<Long, List<HttpResponse<String>>> windows = new TreeMap<>();
            Map<Long, Set<String>> placesTaken = new HashMap<>();
            List<Integer> admitted = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < responses.size(); i++) {
                (responses.get(i).statusCode() == 200 ? admitted : others).add(i);
            }
            admitted.sort(Comparator.comparingLong((Integer i) -> latestWindowEnd(i)).thenComparingLong(this::earliestWindowEnd));
            for (int i : admitted) {
                String place = responses.get(i).headers().firstValue("x-ratelimit-remaining-requests").orElse("?");
                long window = earliestWindowEnd(i);
                for (long candidate = earliestWindowEnd(i); candidate <= latestWindowEnd(i); candidate++) {
                    if (!placesTaken.getOrDefault(candidate, Set.of()).contains(place)) {
                        window = candidate;
                        break;
                    }
                }
                placesTaken.computeIfAbsent(window, end -> new HashSet<>()).add(place);
                windows.computeIfAbsent(window, end -> new ArrayList<>()).add(responses.get(i));
            }
            for (int i : others) {
                long window = earliestWindowEnd(i);
                for (long candidate = earliestWindowEnd(i); candidate <= latestWindowEnd(i); candidate++) {
                    if (windows.getOrDefault(candidate, List.of()).size() > windows.getOrDefault(window, List.of()).size()) {
                        window = candidate;
                    }
                }
                windows.computeIfAbsent(window, end -> new ArrayList<>()).add(responses.get(i));
            }
            return windows;
        }

        private long earliestWindowEnd(int i) {
            return Math.floorDiv(sentAtMillis.get(i) + resetMillis(i) + 999, 1000);
        }

        private long latestWindowEnd(int i) {
            // the reset is whole milliseconds, rounded down
            return Math.max(earliestWindowEnd(i), Math.floorDiv(receivedAtMillis.get(i) + resetMillis(i) + 1, 1000));
        }

        private long resetMillis(int i) {
            HttpResponse<String> answer = responses.get(i);
            String reset = answer.headers().firstValue("x-ratelimit-reset-requests").orElseThrow(
                    () -> new AssertionError("no x-ratelimit-reset-requests on a " + answer.statusCode()));
            return millis(reset);
        }

        /** OpenAI's duration format as the gateway writes it for sub-minute windows: {@code 430ms}, {@code 1s}. */
        private static long millis(String duration) {
            if (duration.endsWith("ms")) {
                return Long.parseLong(duration.substring(0, duration.length() - 2));
            }
            return Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000;
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
        List<Long> sentAt = new ArrayList<>();
        List<CompletableFuture<Map.Entry<HttpResponse<String>, Long>>> pending = new ArrayList<>();
        for (HttpRequest request : requests) {
            sentAt.add(System.currentTimeMillis());
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> Map.entry(response, System.currentTimeMillis())));
        }
        List<Map.Entry<HttpResponse<String>, Long>> answers = pending.stream().map(CompletableFuture::join).toList();
        long last = System.currentTimeMillis() / 1000;
        return new Result(answers.stream().map(Map.Entry::getKey).toList(), sentAt,
                answers.stream().map(Map.Entry::getValue).toList(), first, last);
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
