package io.regiongate.flow.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.call.GatewayCall;
import io.regiongate.dispatch.UpstreamCatalog;
import io.regiongate.flow.Calls;
import io.regiongate.flow.answer.ResponseHeaders;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** {@code GET /v1/models}: the models this tenant may use in this region, in OpenAI's list shape. */
public final class ModelsListProcessor implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<UpstreamCatalog> catalog;
    private final ResponseHeaders responseHeaders;

    public ModelsListProcessor(UpstreamCatalog catalog, ResponseHeaders responseHeaders) {
        this(() -> catalog, responseHeaders);
    }

    /** @param catalog the upstreams' models as configured now (a reload replaces them) */
    public ModelsListProcessor(Supplier<UpstreamCatalog> catalog, ResponseHeaders responseHeaders) {
        this.catalog = catalog;
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String model : catalog.get().modelsFor(call.tenant())) {
            describe(data.addObject(), model);
        }
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, call);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(list.toString());
    }

    /** OpenAI's model object for {@code model}, written into {@code target}. */
    static ObjectNode describe(ObjectNode target, String model) {
        return target.put("id", model).put("object", "model").put("created", 0).put("owned_by", "regiongate");
    }
}
