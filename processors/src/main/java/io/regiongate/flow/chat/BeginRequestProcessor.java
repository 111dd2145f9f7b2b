package io.regiongate.flow.chat;

import io.regiongate.call.ClientConnection;
import io.regiongate.call.GatewayCall;
import io.regiongate.call.RequestIds;
import io.regiongate.flow.Calls;
import io.regiongate.flow.ExchangeKeys;
import io.regiongate.telemetry.RequestSpans;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * First step of every API request: starts its {@link GatewayCall} with an id and a handle on the
 * client's connection (captured now, before an upstream call replaces the message) for streaming
 * and late errors, or the stand-in an in-process caller put in {@link ExchangeKeys#CLIENT_CONNECTION};
 * drops Camel's own headers a client could have sent.
 */
public final class BeginRequestProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = new GatewayCall(RequestIds.next(), Instant.ofEpochMilli(exchange.getClock().getCreated()),
                clientConnection(exchange));
        call.clientTraceparent(exchange.getIn().getHeader(RequestSpans.TRACEPARENT, String.class));
        Calls.begin(exchange, call);
        // what removeHeaders("Camel*", REMOTE_ADDRESS) does, without its pattern matcher per header and request
        exchange.getIn().getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, "Camel", 0, 5)
                && !name.equalsIgnoreCase(VertxPlatformHttpConstants.REMOTE_ADDRESS));
    }

    private static ClientConnection clientConnection(Exchange exchange) {
        ClientConnection inProcess = exchange.getProperty(ExchangeKeys.CLIENT_CONNECTION, ClientConnection.class);
        if (inProcess != null) {
            return inProcess;
        }
        HttpMessage message = exchange.getIn(HttpMessage.class);
        if (message == null || message.getResponse() == null) {
            return null;
        }
        return new ClientConnection(message.getResponse(),
                message.getRequest() instanceof HttpServerRequestInternal request ? request.context() : null,
                message.getRequest() == null ? null : message.getRequest().connection());
    }
}
