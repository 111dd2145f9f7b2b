package io.regiongate.runtime;

import io.regiongate.call.ConnectionReset;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a connection that has not sent a complete request head within the read timeout of
 * connecting (a client that trickles its headers, or sends nothing). Installed as a server's
 * connection handler and in front of its request handler.
 */
final class RequestReadGuard {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Map<HttpConnection, Long> awaitingHead = new ConcurrentHashMap<>();

    RequestReadGuard(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
    }

    /** For {@code HttpServer.connectionHandler}: starts the connection's deadline. */
    Handler<HttpConnection> connections() {
        return connection -> {
            long deadline = vertx.setTimer(timeoutMillis, id -> {
                awaitingHead.remove(connection);
                if (!ConnectionReset.reset(connection)) {
                    connection.close();
                }
            });
            awaitingHead.put(connection, deadline);
            connection.closeHandler(closed -> {
                Long pending = awaitingHead.remove(connection);
                if (pending != null) {
                    vertx.cancelTimer(pending);
                }
            });
        };
    }

    /** For {@code HttpServer.requestHandler}: a head arrived in time; hands the request on. */
    Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            Long deadline = awaitingHead.remove(request.connection());
            if (deadline != null) {
                vertx.cancelTimer(deadline);
            }
            next.handle(request);
        };
    }
}
