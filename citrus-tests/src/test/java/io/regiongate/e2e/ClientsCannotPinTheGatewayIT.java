package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.LoopbackSockets;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.StalledSseClient;
import io.regiongate.e2e.support.SteadyEventSource;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No client can pin the gateway: streams whose clients never read take every worker thread, and
 * connections trickle request bodies that never end; health is still answered at once, the
 * stalled streams are ended after {@code listen.client-stall-timeout} (recorded as
 * {@code client_stalled}), the slow bodies get 408 after {@code listen.request-read-timeout},
 * connections that never send a whole request head, or send nothing after their answer, are reset
 * after it, and then another tenant's request is served. (The full-size run, 300 stalled streams and 500 slow
 * bodies, is {@code bench/chaos.sh}, through the {@code regiongate.chaos.*} properties; this is its
 * reduced form.)
 */
class ClientsCannotPinTheGatewayIT {

    private static final TestTenant STALLER = TestTenant.acmeEu();
    private static final TestTenant OTHER = TestTenant.of("initech-eu", "eu");
    private static final int WORKERS = Integer.getInteger("regiongate.chaos.workers", 12);
    private static final int STALLED_STREAMS = Integer.getInteger("regiongate.chaos.stalled-streams", 16);
    private static final int SLOW_BODIES = Integer.getInteger("regiongate.chaos.slow-bodies", 20);
    /** Held streams free their workers only after the stall timeout: health answered sooner did not wait for one. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);
    /** Well under the stall timeout, and above what a 2-core machine relaying the streams takes to answer. */
    private static final long HEALTH_WITHIN_MILLIS = Long.getLong("regiongate.test.health-within-ms", 3000);
    /** What a load balancer's or Kubernetes' probe allows by default: 1 s. */
    private static final long ADMIN_HEALTH_WITHIN_MILLIS = Long.getLong("regiongate.test.admin-health-within-ms", 1000);
    /** 16 KiB every 5 ms, 3 MiB/s a stream: the sockets' buffers fill within seconds, the machine is not saturated. */
    private static final SteadyEventSource firehose = new SteadyEventSource(8192, 16384, Duration.ofMillis(5));

    private static final HttpClient HEALTH_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String FIREHOSE = "eu-firehose";
    /** What connections send before they go silent: nothing, half a request line, half a request head. */
    private static final List<String> INCOMPLETE_HEADS = List.of("", "POST /v1/chat/comp",
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n");

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("clients-cannot-pin")
            .workerThreads(WORKERS)
            .configure(config -> config.listenOption("client-stall-timeout", STALL_TIMEOUT.toSeconds() + "s")
                    .listenOption("request-read-timeout", "3s"))
            .tenant(STALLER)
            .tenant(OTHER)
            .upstream(Upstream.openAi(FIREHOSE, EU).models("gpt-4o").connectTimeout(Duration.ofSeconds(20)), firehose)
            .upstream(Upstream.openAi("eu-json", EU).models("gpt-4o-mini"),
                    ScriptedUpstream.answering(200, VendorReplies.completionJson("chatcmpl-ok", "served"), Map.of()));

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stalledStreamsAndSlowBodiesNeitherSilenceHealthNorKeepAnotherTenantOut() throws Exception {
        List<StalledSseClient> stalled = new ArrayList<>();
        List<Socket> slowBodies = new ArrayList<>();
        List<Socket> incompleteHeads = new ArrayList<>();
        Socket idleAfterAnswer = null;
        healthAnswerMillis("/health/live");
        healthAnswerMillis("/health/ready");
        long stalledBefore = countInJournal("\"completion\":\"client_stalled\"");
        try {
            // given more never-reading streams than there are workers, and bodies that never end
            for (int i = 0; i < STALLED_STREAMS; i++) {
                stalled.add(StalledSseClient.open(deployment.gateway().port(), STALLER.bearer(),
                        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"s" + i + "\"}]}",
                        4096));
            }
            for (int i = 0; i < SLOW_BODIES; i++) {
                slowBodies.add(startSlowBody());
            }
            for (String start : INCOMPLETE_HEADS) {
                incompleteHeads.add(startIncompleteHead(start));
            }
            idleAfterAnswer = answeredThenIdle();
            Poll.require(Duration.ofSeconds(30), () -> deployment.calls(FIREHOSE) >= WORKERS,
                    () -> "the stalled streams did not reach the vendor: " + deployment.calls(FIREHOSE));

            // then health is answered at once while every worker is held: on the admin listener, whose
            // event loop relays nothing, within the 1 s a probe allows; on the API listener, whose event
            // loops relay the streams, well before a worker would be free
            for (int probe = 0; probe < 5; probe++) {
                long adminLive = adminHealthAnswerMillis("/health/live");
                long adminReady = adminHealthAnswerMillis("/health/ready");
                long live = healthAnswerMillis("/health/live");
                long ready = healthAnswerMillis("/health/ready");
                System.out.printf("[e2e] health while pinned: admin listener live %d ms, ready %d ms; API listener live %d ms, "
                        + "ready %d ms%n", adminLive, adminReady, live, ready);
                assertThat(adminLive).as("/health/live on the admin listener").isLessThan(ADMIN_HEALTH_WITHIN_MILLIS);
                assertThat(adminReady).as("/health/ready on the admin listener").isLessThan(ADMIN_HEALTH_WITHIN_MILLIS);
                assertThat(live).as("/health/live").isLessThan(HEALTH_WITHIN_MILLIS);
                assertThat(ready).as("/health/ready").isLessThan(HEALTH_WITHIN_MILLIS);
            }

            // and once the stall timeout has passed, another tenant's request is served
            ChatClient client = new ChatClient();
            Poll.require(Duration.ofSeconds(60), () -> client.post(deployment.uri("/v1/chat/completions"), OTHER,
                            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode() == 200,
                    () -> "the other tenant was never served");

            // the slow bodies were answered 408 and their connections closed
            for (Socket slow : slowBodies) {
                assertThat(readAll(slow)).startsWith("HTTP/1.1 408").contains("request_timeout");
            }
            // and the connections that never sent a whole request head were closed (reset) without an answer
            for (int i = 0; i < incompleteHeads.size(); i++) {
                assertThat(closedWithoutAnswer(incompleteHeads.get(i)))
                        .as("a connection that sent %s", INCOMPLETE_HEADS.get(i).isEmpty() ? "nothing" : "'" + INCOMPLETE_HEADS.get(i) + "'")
                        .isTrue();
            }
            // and so was the connection left idle after its answer
            assertThat(closedWithoutAnswer(idleAfterAnswer)).as("a connection idle after its answer was closed").isTrue();
            // and every stalled stream was ended and recorded as client_stalled
            Poll.require(Duration.ofSeconds(60), () -> countInJournal("\"completion\":\"client_stalled\"") - stalledBefore == STALLED_STREAMS,
                    () -> (countInJournal("\"completion\":\"client_stalled\"") - stalledBefore) + " of " + STALLED_STREAMS
                            + " stalled streams recorded as client_stalled");
            // and their connections were dropped while they still read nothing: the gateway holds no socket to
            // any of them (a polite close would wait for what is queued, which they never read, for ever)
            if (LoopbackSockets.readable()) {
                int gatewayPort = deployment.gateway().port();
                Poll.require(Duration.ofSeconds(30), () -> stalled.stream()
                                .noneMatch(stream -> LoopbackSockets.held(gatewayPort, stream.localPort())),
                        () -> stalled.stream().filter(stream -> LoopbackSockets.held(gatewayPort, stream.localPort())).count()
                                + " of " + STALLED_STREAMS + " stalled clients still have a socket in the gateway");
            }
        } finally {
            stalled.forEach(StalledSseClient::close);
            for (Socket slow : slowBodies) {
                slow.close();
            }
            for (Socket incomplete : incompleteHeads) {
                incomplete.close();
            }
            if (idleAfterAnswer != null) {
                idleAfterAnswer.close();
            }
        }
    }

    /** Connects and sends {@code start} (nothing, part of a request head, or a head and part of its body), then nothing more. */
    private static Socket startIncompleteHead(String start) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", deployment.gateway().port()), 10_000);
        // well past the 3 s read deadline: a read still waiting then means the connection was kept
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Asks for {@code /health/live} on a kept-alive connection, reads the whole answer, then sends nothing more. */
    private static Socket answeredThenIdle() throws IOException {
        Socket socket = startIncompleteHead("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's head: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        assertThat(length.find()).as("a Content-Length in %s", head).isTrue();
        assertThat(in.readNBytes(Integer.parseInt(length.group(1))).length).isEqualTo(Integer.parseInt(length.group(1)));
        return socket;
    }

    /** True when the gateway closed the connection (end of stream, or a reset) having sent nothing. */
    private static boolean closedWithoutAnswer(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private static Socket startSlowBody() throws IOException {
        return startIncompleteHead("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + OTHER.bearer()
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":");
    }

    private static String readAll(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long healthAnswerMillis(String path) throws Exception {
        return healthAnswerMillis(deployment.uri(path));
    }

    private static long adminHealthAnswerMillis(String path) throws Exception {
        return healthAnswerMillis(deployment.gateway().adminUri(path));
    }

    private static long healthAnswerMillis(URI uri) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = HEALTH_CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long countInJournal(String text) {
        try (var files = Files.walk(deployment.gateway().directory().resolve("data/audit"))) {
            return files.filter(file -> file.toString().endsWith(".jsonl")).mapToLong(file -> {
                try {
                    return Files.readAllLines(file).stream().filter(line -> line.contains(text)).count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

}
