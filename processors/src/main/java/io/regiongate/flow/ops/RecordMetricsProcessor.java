package io.regiongate.flow.ops;

import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.metrics.RequestMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** At the end of an API request: its metrics, from its record. Never changes the message. */
public final class RecordMetricsProcessor implements Processor {

    private final RequestMetrics metrics;

    public RecordMetricsProcessor(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.find(exchange);
        if (call != null) {
            metrics.record(call, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        }
    }
}
