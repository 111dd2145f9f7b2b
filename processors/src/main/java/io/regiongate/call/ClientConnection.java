package io.regiongate.call;

import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.Http1xServerConnection;

/**
 * The client's HTTP connection, kept from the moment the request arrived (an upstream call later
 * replaces the exchange's message): its response, written directly by a stream and by a late
 * error, the Vert.x context (event loop) of the connection, on which a stream is relayed, and the
 * connection itself where there is one (an in-process stream has none).
 */
public record ClientConnection(HttpServerResponse response, Context context, HttpConnection connection) {

    /** A client without a connection of its own. */
    public ClientConnection(HttpServerResponse response, Context context) {
        this(response, context, null);
    }

    /** True once the response's head went out: from then on the answer can only go on as a stream. */
    public boolean headWritten() {
        return response != null && response.headWritten();
    }

    /**
     * Drops the client at once, with whatever is queued for it, which a client that reads nothing
     * would never let out ({@link ConnectionClosing}). The response counts as ended first, so nothing
     * more is written to it. An HTTP/2 stream (or an in-process one) is reset alone.
     */
    public void abort() {
        if (connection instanceof Http1xServerConnection) {
            if (!response.ended()) {
                response.end();
            }
            ConnectionClosing.reset(connection);
        } else if (response != null) {
            response.reset();
        }
    }
}
