package io.regiongate.camel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A {@code regiongate:} endpoint. The body of a chat call is an OpenAI chat request (JSON text,
 * bytes or a Map); the tenant's key is the {@link RegionGateConstants#API_KEY} header; the answer
 * is OpenAI's JSON text. A refusal or failure is a {@link RegionGateException}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "regiongate", title = "RegionGate", syntax = "regiongate:operation",
        producerOnly = true, category = {Category.AI}, headersClass = RegionGateConstants.class)
public final class RegionGateEndpoint extends DefaultEndpoint {

    @UriPath(enums = "chat,models", description = "What to call: chat (POST /v1/chat/completions) or models"
            + " (GET /v1/models)")
    @Metadata(required = true)
    private final RegionGateOperation operation;

    RegionGateEndpoint(String uri, RegionGateComponent component, RegionGateOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    public RegionGateOperation getOperation() {
        return operation;
    }

    @Override
    public Producer createProducer() {
        return new RegionGateProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("regiongate: endpoints only produce (a route calls them with to())");
    }
}
