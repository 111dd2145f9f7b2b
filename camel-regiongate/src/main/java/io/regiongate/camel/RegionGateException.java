package io.regiongate.camel;

import io.regiongate.api.OpenAiError;

/**
 * A call through the {@code regiongate:} component that RegionGate refused or could not serve:
 * the same answer an HTTP client would get, as a typed exception for the host's
 * {@code onException}/{@code doTry}. Its {@link #status()} is the HTTP status (401 bad key, 400
 * bad body, 403/503 residency, 429 quota, 502/504 upstream failure after failover), its
 * {@link #type()} and {@link #code()} OpenAI's, e.g. 429 {@code rate_limit_exceeded}. The message
 * never quotes the request's content.
 */
public final class RegionGateException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String requestId;
    private final String errorMessage;

    public RegionGateException(int status, String type, String code, String message, String requestId) {
        super(status + " " + (code != null ? code : type) + ": " + message
                + (requestId != null ? " (request " + requestId + ")" : ""));
        this.errorMessage = message;
        this.status = status;
        this.type = type;
        this.code = code;
        this.requestId = requestId;
    }

    static RegionGateException of(OpenAiError error, String requestId) {
        return new RegionGateException(error.status(), error.type(), error.code(), error.message(), requestId);
    }

    /** The HTTP status an HTTP client would have been answered with. */
    public int status() {
        return status;
    }

    /** OpenAI's error type, e.g. {@code invalid_request_error}. */
    public String type() {
        return type;
    }

    /** OpenAI's error code, e.g. {@code rate_limit_exceeded}, or null. */
    public String code() {
        return code;
    }

    /** The error's message, as OpenAI's error shape carries it. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The request's id in the region's audit trail, or null when it was refused before it had one. */
    public String requestId() {
        return requestId;
    }
}
