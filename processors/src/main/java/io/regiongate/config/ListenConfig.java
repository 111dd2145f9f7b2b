package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the OpenAI-compatible API listens.
 *
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param workerThreads   threads that run requests; each open stream holds one for its length
 * @param eventLoops      event loops that serve client connections (socket reads and writes);
 *                        connections are spread over them
 */
public record ListenConfig(
        String host,
        Integer port,
        @JsonProperty("max-request-bytes") Long maxRequestBytes,
        @JsonProperty("worker-threads") Integer workerThreads,
        @JsonProperty("event-loops") Integer eventLoops) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
    public static final int DEFAULT_WORKER_THREADS = 200;

    public ListenConfig {
        host = host == null ? DEFAULT_HOST : host;
        port = port == null ? DEFAULT_PORT : port;
        maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
        workerThreads = workerThreads == null ? DEFAULT_WORKER_THREADS : workerThreads;
        eventLoops = eventLoops == null ? defaultEventLoops() : eventLoops;
    }

    /** One event loop per core. */
    public static int defaultEventLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static ListenConfig defaults() {
        return new ListenConfig(null, null, null, null, null);
    }
}
