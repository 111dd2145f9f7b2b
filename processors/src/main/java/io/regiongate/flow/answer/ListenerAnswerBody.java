package io.regiongate.flow.answer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The last step before the API listener writes a whole answer: its bytes are handed on as a
 * {@link ByteBuffer}, which camel-platform-http-vertx writes in one piece with its
 * {@code Content-Length}. A {@code byte[]} it would first convert to an {@code InputStream} and
 * pump to the client through the Vert.x worker pool, chunk by chunk (one more thread hand-off per
 * chunk, and per answer one for its end). Runs after the audit and telemetry taps, which read the
 * request's record, never the body. An error's text goes the same way (UTF-8), so that it too
 * carries a {@code Content-Length} instead of being sent chunked.
 */
public final class ListenerAnswerBody implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof byte[] bytes) {
            message.setBody(ByteBuffer.wrap(bytes));
        } else if (body instanceof String text) {
            message.setBody(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
