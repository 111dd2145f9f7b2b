package io.regiongate.flow;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/** The Vert.x response of the client's request, and the context (event loop) of its connection, kept on the exchange. */
final class ClientResponse {

    private ClientResponse() {
    }

    static void capture(Exchange exchange) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        if (message != null && message.getResponse() != null) {
            exchange.setProperty(ExchangeKeys.CLIENT_RESPONSE, message.getResponse());
        }
        if (message != null && message.getRequest() instanceof HttpServerRequestInternal request) {
            exchange.setProperty(ExchangeKeys.CLIENT_CONTEXT, request.context());
        }
    }

    static Optional<Context> context(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(ExchangeKeys.CLIENT_CONTEXT, Context.class));
    }

    static Optional<HttpServerResponse> of(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(ExchangeKeys.CLIENT_RESPONSE, HttpServerResponse.class));
    }
}
