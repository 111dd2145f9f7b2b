package io.regiongate.call;

import java.util.UUID;

/** Request ids as clients see them in {@code X-Request-Id}: {@code req_} and 32 hex digits. */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
