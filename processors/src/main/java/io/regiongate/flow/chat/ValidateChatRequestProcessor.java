package io.regiongate.flow.chat;

import io.regiongate.api.ApiRequestParser;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.flow.Calls;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Parses and checks the request body once, with the parser of the route's operation (chat
 * completions, embeddings); the result goes into the request's record.
 * Form bodies are refused with 415: platform-http turns them into form fields, not a JSON body.
 */
public final class ValidateChatRequestProcessor implements Processor {

    private final ApiRequestParser parser;

    public ValidateChatRequestProcessor(ApiRequestParser parser) {
        this.parser = parser;
    }

    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
            throw new GatewayException(OpenAiError.unsupportedMediaType(contentType));
        }
        Calls.of(exchange).validated(parser.parse(exchange.getIn().getBody(byte[].class)));
        exchange.getIn().setBody(null);
    }
}
