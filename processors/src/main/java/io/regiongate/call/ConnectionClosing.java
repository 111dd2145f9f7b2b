package io.regiongate.call;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.Http1xServerConnection;

/**
 * Closes a client's HTTP/1.1 connection at once. Vert.x's own close of such a connection
 * ({@code close}, a response's {@code reset}, and its channel handler's interception of a channel
 * close) is polite: it first writes out what is queued, and closes only then, if ever: a client
 * that reads nothing never lets it, and one that sends nothing was seen to keep its socket for tens
 * of seconds past the deadline. Here the channel is closed below Vert.x's handler.
 */
public final class ConnectionClosing {

    private ConnectionClosing() {
    }

    /**
     * Closes {@code connection} with a TCP reset (linger 0): the kernel drops what is still queued
     * for the client too. False, and nothing done, when it is not an HTTP/1.x server connection.
     */
    public static boolean reset(HttpConnection connection) {
        return close(connection, true);
    }

    /** Closes {@code connection} at once, with a FIN, as for an idle kept-alive connection; false as {@link #reset}. */
    public static boolean close(HttpConnection connection) {
        return close(connection, false);
    }

    private static boolean close(HttpConnection connection, boolean reset) {
        if (!(connection instanceof Http1xServerConnection http1)) {
            return false;
        }
        Channel channel = http1.channel();
        if (reset) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first != null) {
            first.close();
        } else {
            channel.close();
        }
        return true;
    }
}
