package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that stop reading slow the vendor down instead of filling the gateway's memory: each
 * stream holds a bounded number of bytes in the gateway (the client's write queue, one event, one
 * read buffer), the relay stops reading the vendor, and the vendor's writes block. When the clients
 * read again, every event arrives, in order.
 */
class StalledClientBackpressureIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int CLIENTS = 200;
    /** 500 events of 4 KiB 20 ms apart: 2 MiB a stream, 200 KiB/s, 10 s unhindered. */
    private static final SteadyEventSource vendor = new SteadyEventSource(500, 4096, Duration.ofMillis(20));
    private static final Duration STALL = Duration.ofSeconds(10);
    private static final int CLIENT_RECEIVE_BUFFER = 8192;
    private static final Duration OPEN_EVERY = Duration.ofMillis(25);
    /** What the whole load would be if the gateway buffered it: 400 MiB, beyond the gateway's 256 MiB heap. */
    private static final long HEAP_BOUND = 96L << 20;

    private static ScriptedUpstream vendors;
    private static GatewayProcess gateway;

    @BeforeAll
    static void startVendorAndGateway() {
        vendors = ScriptedUpstream.start();
        gateway = GatewayProcess.start("stalled-clients", GatewayConfigFile.listeningOn(FreePorts.next())
                .workerThreads(CLIENTS + 60)
                .tenant(TENANT)
                .upstream(Upstream.openAi("eu-steady", GatewayConfigFile.REGION, vendors.endpoint("steady", vendor))
                        // the test vendor's JDK server accepts slowly on a busy machine: no connect timeouts
                        .connectTimeout(Duration.ofSeconds(20))));
    }

    @AfterAll
    static void stopEverything() {
        if (gateway != null) {
            gateway.close();
        }
        if (vendors != null) {
            vendors.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void stalledClientsSlowTheVendorDownHoldBoundedMemoryAndThenReceiveEveryEvent() throws Exception {
        // given 200 clients that open a stream each and then do not read
        List<StalledSseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(StalledSseClient.open(gateway.port(), TENANT.bearer(),
                        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream " + i + "\"}]}",
                        CLIENT_RECEIVE_BUFFER));
                // opened over about 5 s: the test vendor's accept queue is short
                Thread.sleep(OPEN_EVERY.toMillis());
            }
            Poll.require(Duration.ofSeconds(30), () -> vendors.count("steady") == CLIENTS,
                    () -> "the vendor was asked for " + vendors.count("steady") + " of " + CLIENTS + " streams");
            long stallStart = System.nanoTime();

            // when they do not read for 10 s
            Thread.sleep(STALL.toMillis() / 2);
            long writtenAtHalf = vendor.bytesWritten();
            Thread.sleep(STALL.toMillis() / 2);
            long writtenAtEnd = vendor.bytesWritten();
            long heap = gateway.heapUsedAfterGc();
            double stallSeconds = (System.nanoTime() - stallStart) / 1e9;

            // then the vendor was held back: far less than it would have sent unhindered, and hardly
            // anything in the second half of the stall
            long unhinderedPerSecond = CLIENTS * 4096L * 50;
            long total = CLIENTS * vendor.streamBytes();
            System.out.printf("[e2e] %d stalled clients, %.1f s: the vendor wrote %d MiB (of %d MiB), %d MiB in the second half "
                            + "(unhindered: %d MiB/s); gateway heap after GC %d MiB%n", CLIENTS, stallSeconds,
                    writtenAtEnd >> 20, total >> 20, (writtenAtEnd - writtenAtHalf) >> 20, unhinderedPerSecond >> 20, heap >> 20);
            assertThat(vendor.streamsFinished()).as("streams the vendor could finish while nobody read").isZero();
            assertThat(writtenAtEnd).as("bytes the vendor wrote while nobody read").isLessThan(total / 2);
            assertThat(writtenAtEnd - writtenAtHalf).as("bytes the vendor wrote in the second half of the stall")
                    .isLessThan(unhinderedPerSecond * STALL.toSeconds() / 2 / 4);
            // and the gateway held a bounded amount per stream, not the streams
            assertThat(heap).as("gateway heap after GC").isLessThan(HEAP_BOUND);

            // when the clients read again, then every one receives every event, in order, then [DONE]
            ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<List<String>>> received = clients.stream().map(client -> readers.submit(client::readAll)).toList();
                List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, vendor.count()).mapToObj(vendor::data).toList());
                expected.add("[DONE]"); // the usage chunk is withheld: these clients did not ask for it
                for (int i = 0; i < CLIENTS; i++) {
                    List<String> events = received.get(i).get(120, TimeUnit.SECONDS);
                    assertThat(events).as("client %d: %d events", i, events.size()).isEqualTo(expected);
                }
            } finally {
                readers.shutdownNow();
            }
        } finally {
            clients.forEach(StalledSseClient::close);
        }
    }
}
