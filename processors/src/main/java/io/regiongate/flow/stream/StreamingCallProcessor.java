package io.regiongate.flow.stream;

import io.regiongate.call.ClientConnection;
import io.regiongate.call.GatewayCall;
import io.regiongate.dispatch.CallTarget;
import io.regiongate.failover.CallOutcomes;
import io.regiongate.flow.Calls;
import io.regiongate.flow.answer.UpstreamResponseProcessor;
import io.regiongate.tls.ClientTls;
import io.regiongate.tls.PeerClientTls;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Calls a target for a streamed request with Vert.x's non-blocking HTTP client, on the event loop
 * of the client's own connection, so that the stream's events are later read, processed and
 * written to the client on that one thread: no thread hand-off per event, no thread blocked
 * reading per stream. The calling thread waits only for the answer's head.
 *
 * <p>It leaves the message as camel-http would: status, content type and the target's headers;
 * the body is an {@link UpstreamEventStream} (paused) for an event stream, else the whole answer's
 * bytes (at most {@link UpstreamResponseProcessor#MAX_RESPONSE_BYTES} and one more). Failures are
 * those the failover loop knows ({@link CallOutcomes#asCallFailure}): a timeout is an
 * {@link InterruptedIOException}, anything else an {@link IOException}.
 *
 * <p>The target's URL and timeouts are those of the request's current target (from configuration);
 * the response timeout is the longest silence, before the head and between events alike.
 */
public final class StreamingCallProcessor implements Processor {

    private static final long HEAD_WAIT_MARGIN_MILLIS = 5_000;
    /**
     * An HTTP/2 connection's receive window. A stream whose client does not read keeps up to its own
     * window (64 KiB) unconsumed; with the protocol's default connection window, also 64 KiB, one
     * such stream would stop every other stream on the connection. This one holds a thousand.
     */
    private static final int HTTP2_CONNECTION_WINDOW_BYTES = 1000 * 65_535;

    private final int maxConnectionsPerTarget;
    private final PeerClientTls peerTls;
    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * @param maxConnectionsPerTarget the client's pool size per target host and port
     * @param peerTls                 the client certificate and trusted CAs of each peer link with mutual
     *                                TLS: such a peer is called by a client of its own that presents them
     */
    public StreamingCallProcessor(int maxConnectionsPerTarget, PeerClientTls peerTls) {
        this.maxConnectionsPerTarget = maxConnectionsPerTarget;
        this.peerTls = peerTls;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        GatewayCall call = Calls.of(exchange);
        Context context = call.client().map(ClientConnection::context)
                .orElseThrow(() -> new IllegalStateException("a streamed call needs the client's Vert.x context"));
        CallTarget target = call.target();
        long connectTimeout = target.connectTimeout().toMillis();
        long responseTimeout = target.responseTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(urlOf(target, exchange.getIn()))
                .setConnectTimeout(connectTimeout)
                .setIdleTimeout(responseTimeout)
                .setFollowRedirects(false);
        Message message = exchange.getIn();
        message.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                options.putHeader(name, value.toString());
            }
        });
        Buffer body = Buffer.buffer(message.getBody(byte[].class));
        Optional<ClientTls> tls = peerTls.of(target.id());
        HttpClient client = clients.computeIfAbsent(
                new ClientKey(context.owner(), tls.isPresent() ? target.id() : "", target.http2()),
                key -> newClient(key.vertx(), tls, key.http2()));

        CompletableFuture<Answer> answer = new CompletableFuture<>();
        context.runOnContext(ignored -> client.request(options)
                .compose(request -> request.send(body).map(response -> new Answer(request, response, null, null)))
                .onSuccess(head -> read(head, context, responseTimeout, answer))
                .onFailure(answer::completeExceptionally));
        Answer head = await(answer, connectTimeout + responseTimeout + HEAD_WAIT_MARGIN_MILLIS);

        Message out = exchange.getMessage();
        out.removeHeaders("*");
        head.response.headers().forEach(header -> out.setHeader(header.getKey(), header.getValue()));
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, head.response.statusCode());
        out.setHeader(Exchange.CONTENT_TYPE, head.response.getHeader("Content-Type"));
        out.setBody(head.events != null ? head.events : head.bytes.getBytes());
    }

    /** An event stream is handed on paused; any other answer is read whole (bounded). */
    private static void read(Answer head, Context context, long responseTimeout, CompletableFuture<Answer> answer) {
        HttpClientResponse response = head.response;
        String contentType = response.getHeader("Content-Type");
        int status = response.statusCode();
        if (status >= 200 && status < 300 && contentType != null && contentType.startsWith("text/event-stream")) {
            UpstreamEventStream events = new UpstreamEventStream(head.request, response, context, responseTimeout);
            answer.complete(new Answer(head.request, response, null, events));
            return;
        }
        Buffer whole = Buffer.buffer();
        response.handler(bytes -> {
            if (whole.length() <= UpstreamResponseProcessor.MAX_RESPONSE_BYTES) {
                whole.appendBuffer(bytes);
            }
            if (whole.length() > UpstreamResponseProcessor.MAX_RESPONSE_BYTES) {
                // enough to answer 502: the rest is not read
                answer.complete(new Answer(head.request, response, whole, null));
                head.request.reset();
            }
        });
        response.exceptionHandler(answer::completeExceptionally);
        response.endHandler(ended -> answer.complete(new Answer(head.request, response, whole, null)));
    }

    private static Answer await(CompletableFuture<Answer> answer, long millis) throws Exception {
        try {
            return answer.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(answer);
            throw new SocketTimeoutException("no answer within " + millis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(answer);
            throw new InterruptedIOException("interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            throw CallOutcomes.asCallFailure(e.getCause());
        }
    }

    /** An answer nobody waits for any more is closed when it comes, rather than held paused for ever. */
    private static void abandon(CompletableFuture<Answer> answer) {
        answer.thenAccept(late -> late.request.reset());
    }

    private HttpClient newClient(Vertx vertx, Optional<ClientTls> tls, boolean http2) {
        HttpClientOptions options = new HttpClientOptions()
                .setMaxPoolSize(maxConnectionsPerTarget)
                .setTcpNoDelay(true)
                .setForceSni(true)
                .setKeepAlive(true);
        if (http2) {
            options.setProtocolVersion(HttpVersion.HTTP_2)
                    // prior knowledge over plain TCP: the upgrade dance would send the first request's body over HTTP/1.1
                    .setHttp2ClearTextUpgrade(false)
                    .setUseAlpn(true)
                    .setHttp2MaxPoolSize(maxConnectionsPerTarget)
                    .setHttp2ConnectionWindowSize(HTTP2_CONNECTION_WINDOW_BYTES);
        }
        tls.ifPresent(material -> material.applyTo(options));
        return vertx.createHttpClient(options);
    }

    /** One client per Vert.x instance, per HTTP version, and per peer with mutual TLS (the others share one). */
    private record ClientKey(Vertx vertx, String tlsTarget, boolean http2) {
    }

    /** The answer's head, and either its bytes once read whole or its events to come. */
    private record Answer(HttpClientRequest request, HttpClientResponse response, Buffer bytes,
                          UpstreamEventStream events) {
    }

    /** The target's base URL with the path (and query) the prepare step chose for this request. */
    private static String urlOf(CallTarget target, Message message) {
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        String query = message.getHeader(Exchange.HTTP_QUERY, String.class);
        return target.apiBaseUrl() + "/" + path + (query == null ? "" : "?" + query);
    }
}
