package io.regiongate.flow.answer;

import io.regiongate.call.GatewayCall;
import io.regiongate.flow.Calls;
import io.regiongate.redaction.AnswerRedactor;
import io.regiongate.redaction.RedactionSession;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After a whole answer came back (a stream is redacted event by event in {@code transform-event}):
 * the audit record gets its redacted text; the client gets it restored, redacted or as it came,
 * per the tenant's {@code redaction} (see {@link AnswerRedactor}).
 */
public final class RedactAnswerProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        RedactionSession session = call.redaction();
        if (session == null || !session.answerNeedsRedaction() || call.streams() || call.outcome() == null
                || !call.outcome().successful()) {
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        byte[] answer = AnswerRedactor.apply(body, session);
        if (answer != body) {
            exchange.getMessage().setBody(answer);
            exchange.getMessage().removeHeader(Exchange.CONTENT_LENGTH);
        }
    }
}
