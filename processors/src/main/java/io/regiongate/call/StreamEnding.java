package io.regiongate.call;

/** How a relayed stream ended. */
public enum StreamEnding {
    /** the upstream's {@code [DONE]} reached the client */
    COMPLETE,
    /** the client went away before the end */
    CLIENT_CANCELLED,
    /** the client took nothing for longer than {@code listen.client-stall-timeout}: the gateway ended it */
    CLIENT_STALLED,
    /** the upstream broke the stream off after its first event reached the client */
    UPSTREAM_FAILED
}
