package io.regiongate.flow.ops;

import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.metrics.RequestMetrics;
import io.regiongate.telemetry.RequestSpans;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** At the end of an API request: its metrics and its trace spans, from its record. Never changes the message. */
public final class RecordTelemetryProcessor implements Processor {

    private final RequestMetrics metrics;
    private final RequestSpans spans;

    public RecordTelemetryProcessor(RequestMetrics metrics, RequestSpans spans) {
        this.metrics = metrics;
        this.spans = spans;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.find(exchange);
        if (call != null) {
            int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
            metrics.record(call, status);
            spans.finish(call, status);
        }
    }
}
