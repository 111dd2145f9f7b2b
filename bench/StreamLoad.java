import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load client of bench/streams.sh: opens N concurrent streamed chat completions against the gateway
 * (Vert.x core's non-blocking HttpClient on one event loop, so that the client costs little CPU per
 * event on a machine that also runs the gateway and the simulator), checks that each stream brings
 * every word of the simulator's reply ("w1 w2 ... wK") in order, then [DONE], and prints one summary
 * line. The SSE body is scanned on bytes as the buffers arrive (a line may span two buffers).
 *
 *   java -cp regiongate.jar bench/StreamLoad.java URL API_KEY MODEL STREAMS WORDS RAMP_MS TIMEOUT_S
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

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                // the event loop never blocks; a GC pause or a busy machine must not print warnings
                .setBlockedThreadCheckInterval(TimeUnit.DAYS.toMillis(1))
                .setMaxEventLoopExecuteTime(Long.MAX_VALUE));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setConnectTimeout(30_000)
                        .setTcpNoDelay(true)
                        .setPipelining(false)
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(streams + 10));
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Buffer body = Buffer.buffer("{\"model\":\"" + model
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}");
        String authorization = "Bearer " + key;

        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(streams);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger peakOpen = new AtomicInteger();
        Context loop = vertx.getOrCreateContext();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(rampMillis * i / Math.max(1, streams));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long opened = System.nanoTime();
            peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            // everything about a stream happens on the event loop
            loop.runOnContext(ignored -> {
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                        .setHost(uri.getHost()).setPort(port).setURI(path)
                        .putHeader("Authorization", authorization)
                        .putHeader("Content-Type", "application/json")
                        .setIdleTimeout(TimeUnit.SECONDS.toMillis(timeoutSeconds));
                Checker checker = new Checker(words, opened, results, open, done);
                client.request(options)
                        .compose(request -> request.send(body))
                        .onComplete(response -> {
                            if (response.failed()) {
                                checker.fail("failed: " + response.cause());
                            } else {
                                checker.attach(response.result());
                            }
                        });
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

    /**
     * One stream: scans the SSE body's lines on bytes and checks the words arrive in order, then [DONE].
     * Touched only by the event loop thread.
     */
    static final class Checker {
        private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
        /** Scratch copy of the buffer being scanned: there is one event loop, so one array will do. */
        private static byte[] scratch = new byte[16 * 1024];

        private final int words;
        private final long opened;
        private final ConcurrentLinkedQueue<Result> results;
        private final AtomicInteger open;
        private final CountDownLatch latch;
        /** The start of a line that the previous buffer did not end. */
        private byte[] pending;
        private int pendingLength;
        private int nextWord = 1;
        private int events;
        private boolean sawDone;
        private boolean finished;
        private String problem;
        private long firstEventAt;

        Checker(int words, long opened, ConcurrentLinkedQueue<Result> results, AtomicInteger open, CountDownLatch latch) {
            this.words = words;
            this.opened = opened;
            this.results = results;
            this.open = open;
            this.latch = latch;
        }

        void attach(HttpClientResponse response) {
            if (response.statusCode() != 200) {
                response.handler(ignored -> {
                });
                response.exceptionHandler(ignored -> {
                });
                fail("status " + response.statusCode());
                return;
            }
            response.handler(this::feed);
            response.exceptionHandler(failure -> fail("failed: " + failure));
            response.endHandler(ignored -> end());
        }

        void fail(String why) {
            if (!finished) {
                finish(new Result(false, why, -1, -1, events));
            }
        }

        private void end() {
            if (finished) {
                return;
            }
            long endedAt = System.nanoTime();
            if (pendingLength > 0) { // a last line without its line end
                line(pending, 0, pendingLength);
                pendingLength = 0;
            }
            String why = problem;
            if (why == null && nextWord != words + 1) {
                why = "got " + (nextWord - 1) + " of " + words + " words";
            }
            if (why == null && !sawDone) {
                why = "no [DONE]";
            }
            finish(new Result(why == null, why, (firstEventAt - opened) / 1_000_000, (endedAt - opened) / 1_000_000, events));
        }

        private void finish(Result result) {
            finished = true;
            pending = null;
            open.decrementAndGet();
            results.add(result);
            latch.countDown();
        }

        private void feed(Buffer buffer) {
            if (finished) {
                return;
            }
            int length = buffer.length();
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            byte[] bytes = scratch;
            buffer.getBytes(0, length, bytes, 0);
            int lineStart = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                if (pendingLength > 0) {
                    append(bytes, lineStart, i - lineStart);
                    line(pending, 0, pendingLength);
                    pendingLength = 0;
                } else {
                    line(bytes, lineStart, i - lineStart);
                }
                lineStart = i + 1;
            }
            if (lineStart < length) {
                append(bytes, lineStart, length - lineStart);
            }
        }

        private void append(byte[] bytes, int from, int length) {
            if (pending == null) {
                pending = new byte[Math.max(256, pendingLength + length)];
            } else if (pending.length < pendingLength + length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
            }
            System.arraycopy(bytes, from, pending, pendingLength, length);
            pendingLength += length;
        }

        /** One line, without its '\n' (a trailing '\r' is dropped here). */
        private void line(byte[] b, int from, int length) {
            int end = from + length;
            if (end > from && b[end - 1] == '\r') {
                end--;
            }
            if (!startsWith(b, from, end, DATA)) {
                return;
            }
            events++;
            if (firstEventAt == 0) {
                firstEventAt = System.nanoTime();
            }
            if (sawDone && problem == null) {
                problem = "data after [DONE]";
            }
            if (end - from == DONE.length && startsWith(b, from, end, DONE)) {
                sawDone = true;
                return;
            }
            int at = indexOf(b, from + DATA.length, end, CONTENT);
            if (at < 0) {
                return;
            }
            int contentFrom = at + CONTENT.length;
            int contentTo = contentFrom;
            while (contentTo < end && b[contentTo] != '"') {
                contentTo++;
            }
            while (contentFrom < contentTo && (b[contentFrom] & 0xff) <= ' ') {
                contentFrom++;
            }
            while (contentTo > contentFrom && (b[contentTo - 1] & 0xff) <= ' ') {
                contentTo--;
            }
            if (contentFrom == contentTo) {
                return;
            }
            if (!isWord(b, contentFrom, contentTo, nextWord) && problem == null) {
                problem = "expected w" + nextWord + " but got "
                        + new String(b, contentFrom, contentTo - contentFrom, StandardCharsets.UTF_8);
            }
            nextWord++;
        }

        /** Whether b[from, to) is "w" followed by the decimal digits of n (no leading zero). */
        private static boolean isWord(byte[] b, int from, int to, int n) {
            if (to - from < 2 || b[from] != 'w' || b[from + 1] == '0') {
                return false;
            }
            long value = 0;
            for (int i = from + 1; i < to; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9 || i - from > 10) {
                    return false;
                }
                value = value * 10 + digit;
            }
            return value == n;
        }

        private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
            if (end - from < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (b[from + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(byte[] b, int from, int end, byte[] needle) {
            byte first = needle[0];
            int last = end - needle.length;
            outer:
            for (int i = from; i <= last; i++) {
                if (b[i] != first) {
                    continue;
                }
                for (int j = 1; j < needle.length; j++) {
                    if (b[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
