package io.regiongate.flow;

import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/** The Vert.x response of the client's request, kept on the exchange. */
final class ClientResponse {

    private ClientResponse() {
    }

    static void capture(Exchange exchange) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        if (message != null && message.getResponse() != null) {
            exchange.setProperty(ExchangeKeys.CLIENT_RESPONSE, message.getResponse());
        }
    }

    static Optional<HttpServerResponse> of(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(ExchangeKeys.CLIENT_RESPONSE, HttpServerResponse.class));
    }
}
