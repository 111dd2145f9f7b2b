package io.regiongate.failover;

import io.netty.channel.ConnectTimeoutException;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one reading of how a call to a target went, for the failover loop, the error answer and the
 * calls themselves alike.
 *
 * <p>An upstream's HTTP status: a 2xx is relayed. A 4xx about the request itself (400, 404, 409,
 * 413, 415, 422) is the client's to fix and is relayed as the upstream wrote it. Everything else
 * (5xx, 429, and 401/403, which say the gateway's own key is wrong) is the upstream's failure: never
 * the client's fault, so never a 4xx, and the request may fail over.
 *
 * <p>A peer's HTTP status: a peer is another RegionGate runtime answering for the same tenant with
 * the tenant's own key, so its 4xx, 429 included, are about the tenant (its key, its quota there,
 * its request) and are relayed; they neither cool the peer down nor count on its breaker. Only its
 * 5xx (and other statuses no RegionGate answers with) are the peer's failure, and so is its 401
 * {@code peer_authentication_failed}: the peer refused this runtime's proof (a wrong link secret, a
 * clock too far apart), which no client can fix.
 *
 * <p>An exception: an {@link UpstreamFailure} is the target's failure as classified where it
 * happened; any other {@link GatewayException} is the gateway's own answer (no failover); a timeout
 * ({@link InterruptedIOException}) or any other I/O failure is the target's; anything else is a
 * fault inside the gateway.
 */
public final class CallOutcomes {

    /** What a target's HTTP status means for the client. */
    public enum StatusClass { RELAY, CLIENT_ERROR, TARGET_FAILURE }

    /** What a failure means. */
    public enum Kind {
        /** the gateway answers the client itself with this error (residency, quota, validation, ...) */
        GATEWAY_ANSWER,
        /** the target failed before its answer began: the request may go on to the next target */
        TARGET_FAILURE,
        /** a fault inside the gateway: 500, logged */
        INTERNAL
    }

    /**
     * @param error       what the client is told, when this is the last word; null for {@link Kind#INTERNAL}
     * @param failoverHop for {@link Kind#TARGET_FAILURE}, the hop's label ({@code http-500},
     *                    {@code timeout}, {@code connect-error}, {@code tls-error}, {@code broken-stream}); else null
     * @param retryAfter  how long the target asked to be left alone, or null
     */
    public record Classified(Kind kind, OpenAiError error, String failoverHop, Duration retryAfter) {

        public boolean mayFailOver() {
            return kind == Kind.TARGET_FAILURE;
        }

        public boolean isTimeout() {
            return TIMEOUT.equals(failoverHop);
        }

        public boolean isConnectError() {
            return CONNECT_ERROR.equals(failoverHop);
        }

        public boolean isTlsError() {
            return TLS_ERROR.equals(failoverHop);
        }
    }

    static final String TIMEOUT = "timeout";
    static final String CONNECT_ERROR = "connect-error";
    /** The TLS handshake with the target failed: its certificate was not trusted, or ours was refused. */
    static final String TLS_ERROR = "tls-error";

    private CallOutcomes() {
    }

    /** @param fromPeer whether the answer is a peer runtime's (else an upstream vendor's) */
    public static StatusClass ofStatus(int status, boolean fromPeer) {
        if (status >= 200 && status < 300) {
            return StatusClass.RELAY;
        }
        if (fromPeer) {
            return status >= 400 && status < 500 ? StatusClass.CLIENT_ERROR : StatusClass.TARGET_FAILURE;
        }
        return switch (status) {
            case 400, 404, 409, 413, 415, 422 -> StatusClass.CLIENT_ERROR;
            default -> StatusClass.TARGET_FAILURE;
        };
    }

    /** Whether a peer's error answer says it refused this runtime's forward itself, not the tenant. */
    public static boolean peerRefusedTheLink(OpenAiError peerError) {
        return peerError != null && OpenAiError.PEER_AUTHENTICATION_FAILED.equals(peerError.code());
    }

    /** The failure that a status of class {@link StatusClass#TARGET_FAILURE} is. */
    public static UpstreamFailure failureOfStatus(String targetId, int status, String retryAfterHeader) {
        return new UpstreamFailure(OpenAiError.upstreamError(targetId, "HTTP " + status), "http-" + status,
                status == 429 ? Cooldowns.parseRetryAfter(retryAfterHeader) : null);
    }

    /**
     * @param targetId the target being called when it happened, named in the client's error; null
     *                 when none was
     */
    public static Classified classify(Throwable failure, String targetId) {
        UpstreamFailure upstreamFailure = find(failure, UpstreamFailure.class);
        if (upstreamFailure != null) {
            return new Classified(Kind.TARGET_FAILURE, upstreamFailure.error(), upstreamFailure.outcome(),
                    upstreamFailure.retryAfter());
        }
        GatewayException answer = find(failure, GatewayException.class);
        if (answer != null) {
            return new Classified(Kind.GATEWAY_ANSWER, answer.error(), null, null);
        }
        String target = targetId == null ? "(none)" : targetId;
        if (find(failure, InterruptedIOException.class) != null) {
            return new Classified(Kind.TARGET_FAILURE, OpenAiError.upstreamTimeout(target), TIMEOUT, null);
        }
        if (find(failure, SSLException.class) != null) {
            return new Classified(Kind.TARGET_FAILURE, OpenAiError.upstreamError(target, "TLS handshake failed"),
                    TLS_ERROR, null);
        }
        if (find(failure, IOException.class) != null) {
            return new Classified(Kind.TARGET_FAILURE, OpenAiError.upstreamError(target, "connection failed"),
                    CONNECT_ERROR, null);
        }
        return new Classified(Kind.INTERNAL, null, null, null);
    }

    /**
     * A non-blocking call's failure as {@link #classify} knows call failures: a timeout becomes an
     * {@link InterruptedIOException}, anything else an {@link IOException} (it happened on the
     * connection to the target).
     */
    public static IOException asCallFailure(Throwable cause) {
        if (cause instanceof InterruptedIOException timeout) {
            return timeout;
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(cause.getMessage());
            timeout.initCause(cause);
            return timeout;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause.getMessage(), cause);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
