package io.regiongate.flow;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * First step of every API request: gives it an id and keeps a handle on the client's response
 * (captured now, before an upstream call replaces the message) for streaming and late errors.
 */
public final class BeginRequestProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.REQUEST_ID, RequestIds.next());
        ClientResponse.capture(exchange);
        exchange.getIn().removeHeaders("Camel*", VertxPlatformHttpConstants.REMOTE_ADDRESS);
    }
}
