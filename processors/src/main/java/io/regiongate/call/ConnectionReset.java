package io.regiongate.call;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.Http1xServerConnection;

/**
 * Closes a client's HTTP/1.1 connection at once, with a TCP reset. Vert.x's own close of such a
 * connection ({@code close}, a response's {@code reset}, and its channel handler's interception of
 * a channel close) is polite: it first writes out what is queued, and closes only then, if ever: a
 * client that reads nothing never lets it, and one that sends nothing was seen to keep its socket
 * for tens of seconds past the deadline. Here the channel is closed below Vert.x's handler, with
 * linger 0, so the kernel drops what is queued too.
 */
public final class ConnectionReset {

    private ConnectionReset() {
    }

    /** Resets {@code connection}; false, and nothing done, when it is not an HTTP/1.x server connection. */
    public static boolean reset(HttpConnection connection) {
        if (!(connection instanceof Http1xServerConnection http1)) {
            return false;
        }
        Channel channel = http1.channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first != null) {
            first.close();
        } else {
            channel.close();
        }
        return true;
    }
}
