package io.regiongate.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client threads sending chat completions back to back, each as soon as its previous answer came
 * (or paced: one request per thread every so often): the load of a scenario. Every request is kept with its status, its {@code X-Request-Id}, how long
 * it took, and the phase of the scenario it was sent in. A request the gateway did not answer (it
 * was down or killed) counts with status -1; its thread then pauses 10 ms, so that a gateway that
 * is away is not hammered with connection attempts.
 */
public final class ChatLoad implements AutoCloseable {

    /** One request: the phase it was sent in, the answer's status (-1: none), its request id, its latency. */
    public record Sent(String phase, int status, String requestId, long micros) {

        public boolean answered2xx() {
            return status >= 200 && status < 300;
        }
    }

    private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI uri;
    private final String authorization;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Duration every;
    private volatile String phase = "start";

    private ChatLoad(URI gateway, String authorization, Duration every) {
        this.uri = gateway.resolve("/v1/chat/completions");
        this.authorization = authorization;
        this.every = every;
    }

    /** {@code threads} clients of {@code tenant} (a null tenant sends no {@code Authorization} at all). */
    public static ChatLoad start(URI gateway, TestTenant tenant, int threads) {
        return start(gateway, tenant == null ? null : tenant.bearer(), threads);
    }

    /** {@code threads} clients sending {@code authorization} as it is (null: no header). */
    public static ChatLoad start(URI gateway, String authorization, int threads) {
        return start(gateway, authorization, threads, Duration.ZERO);
    }

    /**
     * Steady traffic: {@code threads} clients of {@code tenant}, each sending one request every
     * {@code every} (or right after the answer, when that took longer), so that latencies are
     * measured at a fixed offered rate.
     */
    public static ChatLoad paced(URI gateway, TestTenant tenant, int threads, Duration every) {
        return start(gateway, tenant.bearer(), threads, every);
    }

    private static ChatLoad start(URI gateway, String authorization, int threads, Duration every) {
        ChatLoad load = new ChatLoad(gateway, authorization, every);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(load::run, "chat-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        long next = System.nanoTime();
        while (running.get()) {
            if (!every.isZero()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                next = Math.max(next + every.toNanos(), System.nanoTime());
            }
            String current = phase;
            long start = System.nanoTime();
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                sent.add(new Sent(current, response.statusCode(),
                        response.headers().firstValue("X-Request-Id").orElse(null), (System.nanoTime() - start) / 1000));
            } catch (IOException e) {
                sent.add(new Sent(current, -1, null, (System.nanoTime() - start) / 1000));
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests sent from now on belong to {@code name}. */
    public void phase(String name) {
        this.phase = name;
    }

    /** Every request sent so far. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The requests of a phase answered with a 2xx. */
    public List<Sent> answered(String inPhase) {
        return sent.stream().filter(s -> s.phase().equals(inPhase) && s.answered2xx()).toList();
    }

    /** All requests answered with a 2xx. */
    public List<Sent> answered() {
        return sent.stream().filter(Sent::answered2xx).toList();
    }

    public long count(int status) {
        return sent.stream().filter(s -> s.status() == status).count();
    }

    /** Stops sending and waits for the requests on their way. */
    public void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(35).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
