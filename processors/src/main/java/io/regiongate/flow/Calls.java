package io.regiongate.flow;

import io.regiongate.call.GatewayCall;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** The request's {@link GatewayCall} on its exchange, and the conditions routes read from it. */
public final class Calls {

    /** The client asked for a stream: the call route calls the target non-blocking and relays its events. */
    public static final Predicate STREAMED = exchange -> of(exchange).streams();

    /** The failover loop goes on: the plan has targets left and none has answered yet. */
    public static final Predicate DISPATCH_PENDING = exchange -> of(exchange).failover().pending();

    /** The tenant's audit delivery is {@code sync}: the answer waits for its record. */
    public static final Predicate AUDIT_SYNC = exchange -> {
        GatewayCall call = find(exchange);
        return call != null && call.tenant() != null && call.tenant().audit().sync();
    };

    private Calls() {
    }

    public static void begin(Exchange exchange, GatewayCall call) {
        exchange.setProperty(ExchangeKeys.CALL, call);
    }

    /** The exchange's call; an exchange of an API request always has one. */
    public static GatewayCall of(Exchange exchange) {
        GatewayCall call = find(exchange);
        if (call == null) {
            throw new IllegalStateException("the exchange carries no request record (" + ExchangeKeys.CALL + ")");
        }
        return call;
    }

    /** The exchange's call, or null when it has none (it failed before its first step). */
    public static GatewayCall find(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.CALL, GatewayCall.class);
    }
}
