package io.regiongate.flow.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ListenerAnswerBodyTest {

    private final ListenerAnswerBody step = new ListenerAnswerBody();

    @Test
    void aWholeAnswerGoesToTheListenerAsTheSameBytesInOnePiece() {
        byte[] answer = "{\"id\":\"chatcmpl-1\"}".getBytes(StandardCharsets.UTF_8);
        Exchange exchange = exchangeWith(answer);

        step.process(exchange);

        ByteBuffer written = exchange.getMessage().getBody(ByteBuffer.class);
        assertThat(written.remaining()).isEqualTo(answer.length);
        byte[] bytes = new byte[written.remaining()];
        written.duplicate().get(bytes);
        assertThat(bytes).isEqualTo(answer);
    }

    @Test
    void anErrorsTextGoesAsItsUtf8Bytes() {
        Exchange exchange = exchangeWith("{\"error\":{\"message\":\"Modèle inconnu\"}}");

        step.process(exchange);

        ByteBuffer written = exchange.getMessage().getBody(ByteBuffer.class);
        assertThat(StandardCharsets.UTF_8.decode(written.duplicate()).toString())
                .isEqualTo("{\"error\":{\"message\":\"Modèle inconnu\"}}");
    }

    @Test
    void aStreamedAnswerAlreadyWrittenLeavesNothingToWrite() {
        Exchange exchange = exchangeWith(null);

        step.process(exchange);

        assertThat(exchange.getMessage().getBody()).isNull();
    }

    private static Exchange exchangeWith(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
