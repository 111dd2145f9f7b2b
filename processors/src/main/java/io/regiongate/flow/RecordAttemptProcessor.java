package io.regiongate.flow;

import io.regiongate.failover.Cooldowns;
import io.regiongate.failover.FailoverState;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how an attempt on the current target went: on success the loop ends; on a failure the
 * target could be blamed for (before the first byte) the loop goes on to the next target; any
 * other failure is rethrown to the API error policy.
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
        FailoverState state = exchange.getProperty(ExchangeKeys.FAILOVER, FailoverState.class);
        if (success) {
            state.recordSuccess();
            exchange.setProperty(ExchangeKeys.DISPATCH_PENDING, false);
            return;
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String target = state.current() == null ? "-" : state.current().id();
        if (!state.recordFailure(failure, cooldowns)) {
            exchange.setProperty(ExchangeKeys.DISPATCH_PENDING, false);
            throw failure;
        }
        LOG.warn("request {}: {} failed before the first byte ({}); trying the next target",
                exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class), target,
                state.hops().get(state.hops().size() - 1));
    }
}
