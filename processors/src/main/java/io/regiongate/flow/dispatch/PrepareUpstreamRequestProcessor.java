package io.regiongate.flow.dispatch;

import io.regiongate.call.GatewayCall;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Builds the upstream request from nothing but the validated body and configuration: every
 * client header is dropped, the upstream's own key (from the environment) is set.
 */
public final class PrepareUpstreamRequestProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        OutgoingRequest.reset(exchange.getIn(), call.request());
        if (call.target() instanceof ResolvedUpstream upstream && upstream.hasApiKey()) {
            exchange.getIn().setHeader(GatewayHeaders.AUTHORIZATION, "Bearer " + upstream.apiKey());
        }
    }
}
