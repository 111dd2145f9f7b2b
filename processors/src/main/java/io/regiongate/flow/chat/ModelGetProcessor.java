package io.regiongate.flow.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.ChatRequestParser;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.dispatch.UpstreamCatalog;
import io.regiongate.flow.Calls;
import io.regiongate.flow.answer.ResponseHeaders;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code GET /v1/models/{id}}: the model object when this tenant may use the model in this region,
 * else 404 {@code model_not_found}, as OpenAI answers for a model the key cannot see. A name that
 * could be no model's (too long, or not printable ASCII) is not echoed back.
 */
public final class ModelGetProcessor implements Processor {

    /** The path parameter platform-http puts in a header. */
    public static final String MODEL_ID_HEADER = "id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<UpstreamCatalog> catalog;
    private final ResponseHeaders responseHeaders;

    public ModelGetProcessor(UpstreamCatalog catalog, ResponseHeaders responseHeaders) {
        this(() -> catalog, responseHeaders);
    }

    /** @param catalog the upstreams' models as configured now (a reload replaces them) */
    public ModelGetProcessor(Supplier<UpstreamCatalog> catalog, ResponseHeaders responseHeaders) {
        this.catalog = catalog;
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        String model = exchange.getIn().getHeader(MODEL_ID_HEADER, "", String.class);
        if (!catalog.get().modelsFor(call.tenant()).contains(model)) {
            boolean nameable = model.length() <= ChatRequestParser.MAX_MODEL_LENGTH
                    && model.chars().allMatch(c -> c > 0x20 && c < 0x7f);
            throw new GatewayException(OpenAiError.modelNotFound(nameable ? model : "(unprintable)"));
        }
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, call);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(ModelsListProcessor.describe(JSON.createObjectNode(), model).toString());
    }
}
