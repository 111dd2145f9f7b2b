package io.regiongate.runtime;

import io.regiongate.call.ConnectionClosing;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resets a connection that does not send a complete request head within the read timeout of
 * connecting (a client that trickles its headers, or sends nothing), and closes one left idle after
 * an answer for that long (checked once per timeout, so closed between one and two timeouts after
 * its last answer went out, as a kept-alive connection is): neither holds a socket for ever. Installed as a server's connection handler
 * and in front of its request handler.
 */
final class RequestReadGuard {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();

    RequestReadGuard(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
    }

    /** For {@code HttpServer.connectionHandler}: starts the connection's deadline for its first head. */
    Handler<HttpConnection> connections() {
        return connection -> {
            Watch watch = new Watch();
            watch.timer = vertx.setTimer(timeoutMillis, id -> {
                if (watch.current == null) {
                    reset(connection);
                }
            });
            watched.put(connection, watch);
            connection.closeHandler(closed -> {
                Watch gone = watched.remove(connection);
                if (gone != null) {
                    vertx.cancelTimer(gone.timer);
                }
            });
        };
    }

    /** For {@code HttpServer.requestHandler}: a head arrived in time; hands the request on. */
    Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            Watch watch = watched.get(request.connection());
            if (watch != null) {
                if (watch.current == null) {
                    vertx.cancelTimer(watch.timer);
                    watch.timer = vertx.setPeriodic(timeoutMillis, id -> idleCheck(request.connection(), watch));
                }
                watch.current = request;
            }
            next.handle(request);
        };
    }

    /**
     * Runs on the connection's event loop every timeout: a connection whose last answer has ended
     * and gone out, and which was already so at the previous check with no request since, is reset.
     * An answer still being written (a stream, or bytes the client has not taken yet) is not idle.
     */
    private void idleCheck(HttpConnection connection, Watch watch) {
        HttpServerRequest current = watch.current;
        boolean idle = current.response().ended() && allWritten(connection);
        if (idle && watch.idleAtLastCheck == current) {
            forget(connection);
            if (!ConnectionClosing.close(connection)) {
                connection.close();
            }
            return;
        }
        watch.idleAtLastCheck = idle ? current : null;
    }

    private static boolean allWritten(HttpConnection connection) {
        return !(connection instanceof Http1xServerConnection http1) || http1.channel().isWritable();
    }

    private void reset(HttpConnection connection) {
        forget(connection);
        if (!ConnectionClosing.reset(connection)) {
            connection.close();
        }
    }

    private void forget(HttpConnection connection) {
        Watch watch = watched.remove(connection);
        if (watch != null) {
            vertx.cancelTimer(watch.timer);
        }
    }

    /** A connection's timer and the request it is on; touched only on the connection's event loop. */
    private static final class Watch {
        long timer;
        HttpServerRequest current;
        /** The request whose answer was seen ended and written at the last check, if any. */
        HttpServerRequest idleAtLastCheck;
    }
}
