package io.regiongate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A vendor endpoint whose behaviour a scenario switches while the gateway runs: healthy now,
 * failing the next moment, healthy again. Each request is answered by the behaviour current
 * when it arrives.
 */
public final class SwitchableBehaviour implements HttpHandler {

    private final AtomicReference<HttpHandler> current;

    private SwitchableBehaviour(HttpHandler initial) {
        this.current = new AtomicReference<>(initial);
    }

    public static SwitchableBehaviour startingAs(HttpHandler initial) {
        return new SwitchableBehaviour(initial);
    }

    /** From now on, requests are answered by {@code next}. */
    public void become(HttpHandler next) {
        current.set(next);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        current.get().handle(exchange);
    }
}
