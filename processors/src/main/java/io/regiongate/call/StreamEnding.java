package io.regiongate.call;

/** How a relayed stream ended. */
public enum StreamEnding {
    /** the upstream's {@code [DONE]} reached the client */
    COMPLETE,
    /** the client went away before the end */
    CLIENT_CANCELLED,
    /** the upstream broke the stream off after its first event reached the client */
    UPSTREAM_FAILED
}
