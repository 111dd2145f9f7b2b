package io.regiongate.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An event is handed on as soon as its blank line has arrived: the reader never waits for bytes
 * of the next event, so a slow upstream cannot hold back the tokens it has already sent.
 */
class SseEventReaderNoReadAheadTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            LF   | 'data: first\\n\\n'           | 'data: second\\n\\n'
            CRLF | 'data: first\\r\\n\\r\\n'     | 'data: second\\r\\n\\r\\n'
            CR   | 'data: first\\r\\r'           | 'data: second\\r\\r'
            LF after comment | ': ping\\ndata: first\\n\\n' | 'data: second\\n\\n'
            """)
    void returnsEventAsSoonAsItsBlankLineArrives(String name, String first, String second) throws IOException {
        byte[] firstBytes = unescape(first);
        byte[] all = concat(firstBytes, unescape(second));
        DeliveredUpToInputStream upstream = new DeliveredUpToInputStream(all, firstBytes.length);
        SseEventReader reader = new SseEventReader(upstream, 1024);

        SseEvent event = reader.next();

        assertThat(event.data()).isEqualTo("first");
        assertThat(event.terminated()).isTrue();

        upstream.deliverAll();
        SseEvent next = reader.next();
        assertThat(next.data()).isEqualTo("second");
        assertThat(reader.next()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CRLF whose last LF is late | 'data: first\\r\\n\\r' | '\\ndata: second\\r\\n\\r\\n'
            """)
    void doesNotWaitForTheLfOfACrLfPair(String name, String first, String second) throws IOException {
        byte[] firstBytes = unescape(first);
        DeliveredUpToInputStream upstream = new DeliveredUpToInputStream(concat(firstBytes, unescape(second)),
                firstBytes.length);
        SseEventReader reader = new SseEventReader(upstream, 1024);

        assertThat(reader.next().data()).isEqualTo("first");

        upstream.deliverAll();
        SseEvent next = reader.next();
        assertThat(next.data()).as("the late LF is not taken for an empty line").isEqualTo("second");
        assertThat(reader.next()).isNull();
    }

    private static byte[] unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
