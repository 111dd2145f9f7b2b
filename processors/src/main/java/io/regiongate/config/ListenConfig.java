package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Where the OpenAI-compatible API listens.
 *
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param workerThreads   threads that run requests; each open stream holds one for its length
 * @param eventLoops      event loops that serve client connections (socket reads and writes);
 *                        connections are spread over them
 * @param clientStallTimeout  how long a stream's client may take nothing (its socket and 64 KiB
 *                        queued for it full) before the stream is ended as {@code client_stalled}
 * @param requestReadTimeout  the longest a connection may take to send a request's head after
 *                        connecting, and a request's whole body after its head; past it: 408 and
 *                        the connection is closed
 * @param tls             TLS on the listener; null for plain HTTP
 */
public record ListenConfig(
        String host,
        Integer port,
        @JsonProperty("max-request-bytes") Long maxRequestBytes,
        @JsonProperty("worker-threads") Integer workerThreads,
        @JsonProperty("event-loops") Integer eventLoops,
        @JsonProperty("client-stall-timeout") Duration clientStallTimeout,
        @JsonProperty("request-read-timeout") Duration requestReadTimeout,
        ListenTlsConfig tls) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
    public static final int DEFAULT_WORKER_THREADS = 200;
    public static final Duration DEFAULT_CLIENT_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(30);

    public ListenConfig {
        host = host == null ? DEFAULT_HOST : host;
        port = port == null ? DEFAULT_PORT : port;
        maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
        workerThreads = workerThreads == null ? DEFAULT_WORKER_THREADS : workerThreads;
        eventLoops = eventLoops == null ? defaultEventLoops() : eventLoops;
        clientStallTimeout = clientStallTimeout == null ? DEFAULT_CLIENT_STALL_TIMEOUT : clientStallTimeout;
        requestReadTimeout = requestReadTimeout == null ? DEFAULT_REQUEST_READ_TIMEOUT : requestReadTimeout;
    }

    public ListenConfig(String host, Integer port, Long maxRequestBytes, Integer workerThreads, Integer eventLoops) {
        this(host, port, maxRequestBytes, workerThreads, eventLoops, null, null, null);
    }

    /** True when the listener is reachable only from this machine. */
    public boolean loopbackOnly() {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host);
    }

    /** One event loop per core. */
    public static int defaultEventLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static ListenConfig defaults() {
        return new ListenConfig(null, null, null, null, null, null, null, null);
    }
}
