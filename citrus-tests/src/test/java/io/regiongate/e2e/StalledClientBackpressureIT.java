package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.StalledSseClient;
import io.regiongate.e2e.support.SteadyEventSource;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that stop reading do not fill the gateway's memory: each stream holds a bounded number
 * of bytes in the gateway (64 KiB queued for the client, one event, one read buffer) and the relay
 * stops reading the vendor, so the vendor's writes block once the sockets' kernel buffers are full.
 * When the clients read again, every event arrives, in order.
 *
 * <p>The kernel's socket buffers sit between the two: on Linux they grow on their own (here up to
 * {@code tcp_rmem} 32 MiB on the gateway's vendor side and {@code tcp_wmem} 4 MiB on its client
 * side), so a vendor's slow-down shows only for a stream larger than what they absorb. The 200-client
 * scenario therefore checks the gateway's side (bounded heap, every event delivered), and a 2-client
 * scenario with 128 MiB streams checks that the vendor is held back.
 */
class StalledClientBackpressureIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int CLIENTS = 200;
    /** 500 events of 4 KiB 20 ms apart: 2 MiB a stream, 200 KiB/s, 10 s unhindered; 390 MiB for 200 streams. */
    private static final SteadyEventSource steadyVendor = new SteadyEventSource(500, 4096, Duration.ofMillis(20));
    /** 8,192 events of 16 KiB as fast as they can go: 128 MiB a stream. */
    private static final SteadyEventSource firehoseVendor = new SteadyEventSource(8192, 16384, Duration.ZERO);
    private static final Duration STALL = Duration.ofSeconds(10);
    private static final int CLIENT_RECEIVE_BUFFER = 8192;
    private static final Duration OPEN_EVERY = Duration.ofMillis(25);
    /**
     * The gateway runs with -Xmx256m; buffering the 200 streams would take 390 MiB. What the held
     * streams add to the heap (after GC, over the heap before they opened) stays well under half of
     * that: measured 30 to 95 MiB (150 to 480 KiB a stream, more when the machine is loaded and
     * more of each stream is in flight when the heap is read).
     */
    private static final long HEAP_GROWTH_BOUND = 160L << 20;

    private static final String STEADY = "eu-steady";
    private static final String FIREHOSE = "eu-firehose";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("stalled-clients")
            .workerThreads(CLIENTS + 60)
            .tenant(TENANT)
            // the test vendor's JDK server accepts slowly on a busy machine: no connect timeouts
            .upstream(Upstream.openAi(STEADY, EU).models("gpt-4o").connectTimeout(Duration.ofSeconds(20)), steadyVendor)
            .upstream(Upstream.openAi(FIREHOSE, EU).models("gpt-4o-mini").connectTimeout(Duration.ofSeconds(20)),
                    firehoseVendor);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoHundredStalledClientsHoldBoundedGatewayMemoryAndThenReceiveEveryEvent() throws Exception {
        List<StalledSseClient> clients = new ArrayList<>();
        long heapBefore = deployment.gateway().heapUsedAfterGc();
        try {
            // given 200 clients that open a stream each and then do not read for 10 s
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(open("gpt-4o", i));
                Thread.sleep(OPEN_EVERY.toMillis()); // the test vendor's accept queue is short
            }
            long opened = System.nanoTime();
            Thread.sleep(STALL.toMillis());
            long heap = deployment.gateway().heapUsedAfterGc();
            System.out.printf("[e2e] %d stalled clients, %.1f s: the vendor was asked for %d streams and wrote %d of %d MiB "
                            + "(into socket buffers); gateway heap after GC %d MiB, %d MiB before%n", CLIENTS, (System.nanoTime() - opened) / 1e9,
                    deployment.calls(STEADY), steadyVendor.bytesWritten() >> 20, (CLIENTS * steadyVendor.streamBytes()) >> 20,
                    heap >> 20, heapBefore >> 20);

            // then every stream reached the vendor, and the gateway holds a bounded amount per stream, not the streams
            assertThat(deployment.calls(STEADY)).as("streams the vendor was asked for").isEqualTo(CLIENTS);
            assertThat(heap - heapBefore).as("what the held streams add to the gateway's heap").isLessThan(HEAP_GROWTH_BOUND);

            // when the clients read again, then every one receives every event, in order, then [DONE]
            // (the usage chunk is withheld: these clients did not ask for it)
            readEveryEventInOrder(clients, steadyVendor);
        } finally {
            clients.forEach(StalledSseClient::close);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void stalledClientsHoldTheVendorBackOnceTheSocketBuffersAreFull() throws Exception {
        List<StalledSseClient> clients = new ArrayList<>();
        long heapBefore = deployment.gateway().heapUsedAfterGc();
        try {
            // given two clients that open a 128 MiB stream each and then do not read
            for (int i = 0; i < 2; i++) {
                clients.add(open("gpt-4o-mini", i));
            }
            Poll.require(Duration.ofSeconds(30), () -> deployment.calls(FIREHOSE) == 2,
                    () -> "the vendor was asked for " + deployment.calls(FIREHOSE) + " of 2 streams");

            // when they do not read for 10 s
            Thread.sleep(STALL.toMillis() / 2);
            long writtenAtHalf = firehoseVendor.bytesWritten();
            Thread.sleep(STALL.toMillis() / 2);
            long writtenAtEnd = firehoseVendor.bytesWritten();
            long heap = deployment.gateway().heapUsedAfterGc();
            long total = 2 * firehoseVendor.streamBytes();
            System.out.printf("[e2e] 2 stalled clients of 128 MiB streams: the vendor wrote %d of %d MiB, %d MiB in the "
                    + "second 5 s; gateway heap after GC %d MiB, %d MiB before%n", writtenAtEnd >> 20, total >> 20,
                    (writtenAtEnd - writtenAtHalf) >> 20, heap >> 20, heapBefore >> 20);

            // then the vendor's writes blocked: it wrote less than half, and next to nothing in the second half
            assertThat(writtenAtEnd).as("bytes the vendor wrote while nobody read").isLessThan(total / 2);
            assertThat(writtenAtEnd - writtenAtHalf).as("bytes the vendor wrote in the second 5 s").isLessThan(4L << 20);
            assertThat(heap - heapBefore).as("what the held streams add to the gateway's heap").isLessThan(HEAP_GROWTH_BOUND);

            // and when the clients read, every event arrives in order
            readEveryEventInOrder(clients, firehoseVendor);
        } finally {
            clients.forEach(StalledSseClient::close);
        }
    }

    private StalledSseClient open(String model, int i) {
        return StalledSseClient.open(deployment.gateway().port(), TENANT.bearer(), "{\"model\":\"" + model
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream " + i + "\"}]}", CLIENT_RECEIVE_BUFFER);
    }

    private static void readEveryEventInOrder(List<StalledSseClient> clients, SteadyEventSource vendor) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<String>> outcomes = clients.stream().map(client -> readers.submit(() -> {
                AtomicInteger next = new AtomicInteger(1);
                List<String> problems = new ArrayList<>();
                client.readEach(data -> {
                    int n = next.getAndIncrement();
                    String expected = n <= vendor.count() ? vendor.data(n) : "[DONE]";
                    if (problems.isEmpty() && !expected.equals(data)) {
                        problems.add("event " + n + " was not the vendor's: " + data.substring(0, Math.min(60, data.length())));
                    }
                });
                if (problems.isEmpty() && next.get() != vendor.count() + 2) {
                    problems.add((next.get() - 1) + " events instead of " + (vendor.count() + 1));
                }
                return problems.isEmpty() ? "ok" : problems.get(0);
            })).toList();
            for (int i = 0; i < outcomes.size(); i++) {
                assertThat(outcomes.get(i).get(120, TimeUnit.SECONDS)).as("client %d", i).isEqualTo("ok");
            }
        } finally {
            readers.shutdownNow();
        }
    }
}
