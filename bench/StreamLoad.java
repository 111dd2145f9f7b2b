import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load client of bench/streams.sh: opens N concurrent streamed chat completions against the gateway
 * (non-blocking java.net.http, one selector thread), checks that each stream brings every word of
 * the simulator's reply ("w1 w2 ... wK") in order, then [DONE], and prints one summary line.
 *
 *   java bench/StreamLoad.java URL API_KEY MODEL STREAMS WORDS RAMP_MS TIMEOUT_S
 */
public final class StreamLoad {

    record Result(boolean ok, String problem, long firstEventMillis, long totalMillis, int events) {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String key = args[1];
        String model = args[2];
        int streams = Integer.parseInt(args[3]);
        int words = Integer.parseInt(args[4]);
        long rampMillis = Long.parseLong(args[5]);
        long timeoutSeconds = Long.parseLong(args[6]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}";
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(streams);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger peakOpen = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(rampMillis * i / Math.max(1, streams));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long opened = System.nanoTime();
            Checker checker = new Checker(words, opened);
            peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request,
                    HttpResponse.BodyHandlers.fromLineSubscriber(checker));
            call.whenComplete((response, failure) -> {
                open.decrementAndGet();
                if (failure != null) {
                    results.add(new Result(false, "failed: " + failure, -1, -1, checker.events));
                } else if (response.statusCode() != 200) {
                    results.add(new Result(false, "status " + response.statusCode(), -1, -1, checker.events));
                } else {
                    results.add(checker.result());
                }
                done.countDown();
            });
        }
        done.await(timeoutSeconds + rampMillis / 1000 + 30, TimeUnit.SECONDS);
        List<Result> all = List.copyOf(results);
        long ok = all.stream().filter(Result::ok).count();
        long[] totals = all.stream().filter(Result::ok).mapToLong(Result::totalMillis).sorted().toArray();
        long[] firsts = all.stream().filter(Result::ok).mapToLong(Result::firstEventMillis).sorted().toArray();
        System.out.printf("streams=%d complete_in_order=%d failed=%d unfinished=%d peak_open=%d "
                        + "first_event_ms_p50=%d p99=%d stream_ms_p50=%d p99=%d max=%d wall_s=%.1f%n",
                streams, ok, all.size() - ok, streams - all.size(), peakOpen.get(),
                pct(firsts, 50), pct(firsts, 99), pct(totals, 50), pct(totals, 99), pct(totals, 100),
                (System.nanoTime() - start) / 1e9);
        System.out.printf("load client CPU time: %.1f s%n", ProcessHandle.current().info().totalCpuDuration()
                .map(cpu -> cpu.toMillis() / 1000.0).orElse(Double.NaN));
        all.stream().filter(r -> !r.ok()).map(Result::problem).distinct().limit(5)
                .forEach(problem -> System.out.println("problem: " + problem));
        System.exit(ok == streams ? 0 : 1);
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    /** Reads the stream's lines and checks the words arrive in order, then [DONE]. */
    static final class Checker implements Flow.Subscriber<String> {
        private final int words;
        private final long opened;
        private int nextWord = 1;
        private int events;
        private boolean sawDone;
        private String problem;
        private long firstEventAt;
        private long endedAt;

        Checker(int words, long opened) {
            this.words = words;
            this.opened = opened;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data: ")) {
                return;
            }
            events++;
            if (firstEventAt == 0) {
                firstEventAt = System.nanoTime();
            }
            if (sawDone && problem == null) {
                problem = "data after [DONE]";
            }
            if (line.equals("data: [DONE]")) {
                sawDone = true;
                return;
            }
            int at = line.indexOf("\"content\":\"");
            if (at < 0) {
                return;
            }
            int from = at + "\"content\":\"".length();
            int to = line.indexOf('"', from);
            String content = line.substring(from, to).trim();
            if (content.isEmpty()) {
                return;
            }
            String expected = "w" + nextWord;
            if (!content.equals(expected) && problem == null) {
                problem = "expected " + expected + " but got " + content;
            }
            nextWord++;
        }

        @Override
        public void onError(Throwable throwable) {
            if (problem == null) {
                problem = "read error: " + throwable;
            }
        }

        @Override
        public void onComplete() {
            endedAt = System.nanoTime();
        }

        Result result() {
            String why = problem;
            if (why == null && nextWord != words + 1) {
                why = "got " + (nextWord - 1) + " of " + words + " words";
            }
            if (why == null && !sawDone) {
                why = "no [DONE]";
            }
            long end = endedAt == 0 ? System.nanoTime() : endedAt;
            return new Result(why == null, why, (firstEventAt - opened) / 1_000_000, (end - opened) / 1_000_000, events);
        }
    }
}
