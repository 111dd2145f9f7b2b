package io.regiongate.flow;

import io.regiongate.api.ChatRequestParser;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Parses and checks the chat completion body once; the result travels as a property. */
public final class ValidateChatRequestProcessor implements Processor {

    private final ChatRequestParser parser;

    public ValidateChatRequestProcessor(ChatRequestParser parser) {
        this.parser = parser;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        exchange.setProperty(ExchangeKeys.CHAT_REQUEST, parser.parse(body));
        exchange.getIn().setBody(null);
    }
}
