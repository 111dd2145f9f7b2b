package io.regiongate.flow;

import io.regiongate.api.ChatRequest;
import io.regiongate.api.ChatRequestParser;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Parses and checks the chat completion body once; the result travels as a property. Form
 * bodies are refused with 415: platform-http turns them into form fields, not a JSON body.
 */
public final class ValidateChatRequestProcessor implements Processor {

    private final ChatRequestParser parser;

    public ValidateChatRequestProcessor(ChatRequestParser parser) {
        this.parser = parser;
    }

    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
            throw new GatewayException(OpenAiError.unsupportedMediaType(contentType));
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        ChatRequest request = parser.parse(body);
        exchange.setProperty(ExchangeKeys.CHAT_REQUEST, request);
        exchange.setProperty(ExchangeKeys.STREAMED, request.stream());
        exchange.getIn().setBody(null);
    }
}
