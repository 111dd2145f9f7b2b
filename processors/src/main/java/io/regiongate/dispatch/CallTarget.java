package io.regiongate.dispatch;

import io.regiongate.api.ApiOperation;
import java.time.Duration;

/**
 * A {@link DispatchTarget} as this runtime calls it: where, and how long it may take. Only
 * configuration and the environment make one; nothing of a request does.
 */
public interface CallTarget {

    /** The target as the dispatch plan names it: kind, id, region. */
    DispatchTarget target();

    /** The target's API base URL, ending in {@code /v1} (no slash after): each operation's path goes below it. */
    String apiBaseUrl();

    /** The full URL requests of {@code operation} are posted to. */
    default String urlFor(ApiOperation operation) {
        return apiBaseUrl() + "/" + operation.upstreamPath();
    }

    /** The full URL chat completion requests are posted to. */
    default String chatCompletionsUrl() {
        return urlFor(ApiOperation.CHAT_COMPLETIONS);
    }

    Duration connectTimeout();

    /** The longest wait for the answer's head, and the longest silence inside a stream. */
    Duration responseTimeout();

    /** Streamed calls to it go over HTTP/2, multiplexed. */
    default boolean http2() {
        return false;
    }

    default String id() {
        return target().id();
    }

    /** The id of the target's call route, {@code upstream-<id>} or {@code peer-<region>}. */
    default String routeId() {
        return target().routeId();
    }
}
