package io.regiongate.dispatch;

/**
 * What an upstream's HTTP status means for the client. A 2xx is relayed. A 4xx about the
 * request itself (400, 404, 409, 413, 415, 422) is the client's to fix and is relayed as the
 * upstream wrote it. Everything else (5xx, 429, and 401/403, which say the gateway's own
 * upstream key is wrong) is an upstream failure: never the client's fault, so never a 4xx.
 */
public final class UpstreamStatusPolicy {

    public enum Outcome { RELAY, CLIENT_ERROR, UPSTREAM_FAILURE }

    private UpstreamStatusPolicy() {
    }

    public static Outcome classify(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.RELAY;
        }
        return switch (status) {
            case 400, 404, 409, 413, 415, 422 -> Outcome.CLIENT_ERROR;
            default -> Outcome.UPSTREAM_FAILURE;
        };
    }
}
