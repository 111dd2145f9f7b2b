package io.regiongate.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * A streamed call's failures reach the failover loop as camel-http's would: a target that does not
 * answer in time is a timeout (InterruptedIOException), one that cannot be reached a connect error
 * (IOException), so breakers, the X-RegionGate-Failover outcome and the 504/502 stay the same.
 */
class StreamingCallFailureTest {

    @Test
    void aTargetSilentPastItsResponseTimeoutIsATimeout() {
        IOException failure = StreamingCallProcessor.failure(new NoStackTraceTimeoutException(
                "The timeout period of 2000ms has been exceeded while executing POST /v1/chat/completions"));

        assertThat(failure).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aTargetNotConnectedWithinItsConnectTimeoutIsATimeout() {
        assertThat(StreamingCallProcessor.failure(new ConnectTimeoutException("connection timed out")))
                .isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aRefusedOrClosedConnectionIsAConnectError() {
        assertThat(StreamingCallProcessor.failure(new ConnectException("Connection refused")))
                .isNotInstanceOf(InterruptedIOException.class).isInstanceOf(ConnectException.class);
        assertThat(StreamingCallProcessor.failure(new HttpClosedException("Connection was closed")))
                .isNotInstanceOf(InterruptedIOException.class).hasCauseInstanceOf(HttpClosedException.class);
    }
}
