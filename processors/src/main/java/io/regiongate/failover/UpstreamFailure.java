package io.regiongate.failover;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import java.time.Duration;

/**
 * A target failed before the first byte reached the client, so the request may fail over.
 *
 * @see FailoverState#recordFailure
 */
public class UpstreamFailure extends GatewayException {

    private final String outcome;
    private final transient Duration retryAfter;

    /**
     * @param outcome    a short label for the failover header, e.g. {@code http-500}, {@code broken-stream}
     * @param retryAfter how long the target asked to be left alone, or null
     */
    public UpstreamFailure(OpenAiError error, String outcome, Duration retryAfter) {
        super(error);
        this.outcome = outcome;
        this.retryAfter = retryAfter;
    }

    public String outcome() {
        return outcome;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
