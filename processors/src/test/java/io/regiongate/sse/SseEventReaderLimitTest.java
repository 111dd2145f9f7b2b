package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An upstream cannot make the gateway buffer an unbounded event: one over the limit fails the stream. */
class SseEventReaderLimitTest {

    @Test
    void failsStreamWhenAnEventExceedsTheLimit() {
        byte[] stream = ("data: " + "x".repeat(100) + "\n\n").getBytes(StandardCharsets.US_ASCII);
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(stream), 64);

        assertThatIOException().isThrownBy(reader::next).withMessageContaining("exceeded 64 bytes");
    }

    @Test
    void readsEventOfExactlyTheLimit() throws IOException {
        byte[] stream = "data: 12345678\n\n".getBytes(StandardCharsets.US_ASCII);
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(stream), stream.length);

        assertThat(reader.next().data()).isEqualTo("12345678");
    }
}
