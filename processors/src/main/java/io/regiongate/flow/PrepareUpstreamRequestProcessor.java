package io.regiongate.flow;

import io.regiongate.api.ChatRequest;
import io.regiongate.dispatch.ResolvedUpstream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Builds the upstream request from nothing but the validated body and configuration: every
 * client header is dropped, the upstream's own key (from the environment) is set.
 */
public final class PrepareUpstreamRequestProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        ChatRequest request = exchange.getProperty(ExchangeKeys.CHAT_REQUEST, ChatRequest.class);
        ResolvedUpstream upstream = exchange.getProperty(ExchangeKeys.UPSTREAM, ResolvedUpstream.class);
        OutgoingRequest.reset(exchange.getIn(), request);
        if (upstream.hasApiKey()) {
            exchange.getIn().setHeader(GatewayHeaders.AUTHORIZATION, "Bearer " + upstream.apiKey());
        }
    }
}
