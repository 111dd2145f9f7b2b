package io.regiongate.call;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
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
     * Drops the client at once, with whatever is queued for it. Vert.x's own close of an HTTP/1.1
     * connection (its {@code reset}, {@code close}, and its handler's interception of a channel's
     * close) first waits until what is queued has been written, which a client that reads nothing
     * never lets happen: its socket, and the megabytes in its send buffer, would stay for as long as
     * the client does. Here the socket is closed below Vert.x's handler with a reset (linger 0); the
     * response counts as ended, so nothing more is written to it. An HTTP/2 stream is reset alone.
     */
    public void abort() {
        if (connection instanceof Http1xServerConnection http1) {
            if (!response.ended()) {
                response.end();
            }
            Channel channel = http1.channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            ChannelHandlerContext first = channel.pipeline().firstContext();
            if (first != null) {
                first.close();
            } else {
                channel.close();
            }
        } else if (response != null) {
            response.reset();
        }
    }
}
