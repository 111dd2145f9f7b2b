package io.regiongate.flow.dispatch;

import io.regiongate.call.GatewayCall;
import io.regiongate.failover.Attempt;
import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.FailoverState;
import io.regiongate.flow.Calls;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how an attempt on the current target went: on success the loop ends; on a failure the
 * target could be blamed for (before the first byte) the loop goes on to the next target; any
 * other failure ends the loop and is rethrown to the API error policy.
 */
public final class RecordAttemptProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordAttemptProcessor.class);

    private final boolean success;
    private final Cooldowns cooldowns;

    private RecordAttemptProcessor(boolean success, Cooldowns cooldowns) {
        this.success = success;
        this.cooldowns = cooldowns;
    }

    public static RecordAttemptProcessor success() {
        return new RecordAttemptProcessor(true, null);
    }

    public static RecordAttemptProcessor failure(Cooldowns cooldowns) {
        return new RecordAttemptProcessor(false, cooldowns);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        GatewayCall call = Calls.of(exchange);
        FailoverState state = call.failover();
        if (success) {
            state.recordSuccess();
            return;
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!state.recordFailure(failure, cooldowns)) {
            throw failure;
        }
        List<Attempt> attempts = state.attempts();
        LOG.warn("request {}: {} failed before the first byte ({}: {}); trying the next target",
                call.requestId(), call.target().id(), attempts.get(attempts.size() - 1).hop(), rootType(failure));
    }

    /** The innermost cause's type: what the transport said, without any message. */
    private static String rootType(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown" : root.getClass().getName();
    }
}
