package io.regiongate.call;

import java.util.UUID;

/** Request ids as clients see them in {@code X-Request-Id}: {@code req_} and 32 hex digits. */
public final class RequestIds {

    private RequestIds() {
    }

    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("req_[0-9a-f]{32}");

    /** True for a request id of this form, as a peer's answer or a forward must carry. */
    public static boolean wellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }

    public static String next() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
