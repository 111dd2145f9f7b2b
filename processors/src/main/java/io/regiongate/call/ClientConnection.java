package io.regiongate.call;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * The client's HTTP connection, kept from the moment the request arrived (an upstream call later
 * replaces the exchange's message): its response, written directly by a stream and by a late
 * error, and the Vert.x context (event loop) of the connection, on which a stream is relayed.
 */
public record ClientConnection(HttpServerResponse response, Context context) {

    /** True once the response's head went out: from then on the answer can only go on as a stream. */
    public boolean headWritten() {
        return response != null && response.headWritten();
    }
}
