package io.regiongate.e2e.support;

import static org.citrusframework.actions.ReceiveTimeoutAction.Builder.expectTimeout;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.citrusframework.TestAction;
import org.citrusframework.actions.ReceiveTimeoutAction;
import org.citrusframework.exceptions.CitrusRuntimeException;
import org.citrusframework.http.actions.HttpServerRequestActionBuilder;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.message.HttpMessage;
import org.citrusframework.http.message.HttpMessageHeaders;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.http.server.HttpServerBuilder;
import org.citrusframework.message.Message;
import org.springframework.http.HttpMethod;

/**
 * The hop between two runtimes, where a load balancer would stand, as a pair of Citrus endpoints:
 * the server the calling runtime is given as its peer's address, and a client of the runtime
 * behind it. A scenario {@link #receive() receives} each forwarded request on the server and
 * validates it like any message, then {@link #passOn() passes it on} unchanged and
 * {@link #answer() answers} with what the runtime behind answered. A request the scenario does not
 * receive goes nowhere: {@link #forwardsNothing()} asserts that none came.
 *
 * <p>Answers are relayed whole, so streamed answers do not pass here.
 */
public final class PeerHop implements AutoCloseable {

    /** Headers that belong to one connection, never passed on (as a proxy drops them). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "date", "server");
    private static final long TIMEOUT_MILLIS = 20_000;

    private final String region;
    private final HttpServer server;
    private final HttpClient runtime;
    private final AtomicReference<Message> received = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Message>> answering = new AtomicReference<>();

    private PeerHop(String region, HttpServer server, HttpClient runtime) {
        this.region = region;
        this.server = server;
        this.runtime = runtime;
    }

    /** A hop in front of {@code region}'s runtime at {@code runtimeBaseUrl}, on a port free now. */
    static PeerHop inFrontOf(String region, String runtimeBaseUrl) {
        HttpServer server = new HttpServerBuilder()
                .port(FreePorts.next())
                .timeout(TIMEOUT_MILLIS)
                .autoStart(true)
                .name("peerHop-" + region)
                .build();
        return new PeerHop(region, server, GatewayClients.citrus("peerHop-" + region + "-runtime", runtimeBaseUrl));
    }

    /** The URL the calling runtime is given as the peer's {@code url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The region of the runtime behind this hop. */
    public String region() {
        return region;
    }

    void start() {
        server.initialize();
    }

    /** Receives the next forwarded chat completion; the scenario adds what it expects of it. */
    public HttpServerRequestActionBuilder receive() {
        HttpServerRequestActionBuilder receive = http().server(server).receive().post("/v1/chat/completions");
        receive.process((message, context) -> received.set(message));
        return receive;
    }

    /** Passes the request last received on to the runtime behind, unchanged; does not wait for its answer. */
    public TestAction passOn() {
        return context -> {
            Message request = received.getAndSet(null);
            if (request == null) {
                throw new CitrusRuntimeException("nothing was received on the hop to " + region + " to pass on");
            }
            HttpMessage forwarded = new HttpMessage(request.getPayload(String.class))
                    .method(HttpMethod.POST)
                    .path(String.valueOf(request.getHeader(HttpMessageHeaders.HTTP_REQUEST_URI)));
            copyHeaders(request, forwarded);
            answering.set(CompletableFuture.supplyAsync(() -> {
                runtime.send(forwarded, context);
                return runtime.receive(context, TIMEOUT_MILLIS);
            }));
        };
    }

    /** Waits for the runtime's answer to the request passed on, and answers the calling runtime with it. */
    public TestAction answer() {
        return context -> {
            Message answer = awaitAnswer();
            HttpMessage relayed = new HttpMessage(answer.getPayload(String.class))
                    .status(((HttpMessage) answer).getStatusCode());
            copyHeaders(answer, relayed);
            server.createProducer().send(relayed, context);
        };
    }

    /** Expects that no request comes through this hop (within a short while: any would be here already). */
    public ReceiveTimeoutAction.Builder forwardsNothing() {
        return expectTimeout(server).timeout(Deployment.QUIET.toMillis());
    }

    private Message awaitAnswer() {
        CompletableFuture<Message> pending = answering.getAndSet(null);
        if (pending == null) {
            throw new CitrusRuntimeException("no request was passed on to " + region);
        }
        try {
            return pending.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CitrusRuntimeException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CitrusRuntimeException("the " + region + " runtime did not answer the request passed on", e);
        }
    }

    /** The HTTP headers of {@code from}, without Citrus's own and those of one connection. */
    private static void copyHeaders(Message from, HttpMessage to) {
        for (Map.Entry<String, Object> header : from.getHeaders().entrySet()) {
            String name = header.getKey();
            if (!name.startsWith("citrus_") && !name.startsWith(":")
                    && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                to.setHeader(name, header.getValue());
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
