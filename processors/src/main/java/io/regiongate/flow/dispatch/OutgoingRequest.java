package io.regiongate.flow.dispatch;

import io.regiongate.api.ChatRequest;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * The part every outgoing request shares: no client header survives, the validated body goes
 * out (a stream's asking for its usage chunk, see {@link io.regiongate.api.StreamUsage}).
 */
final class OutgoingRequest {

    private OutgoingRequest() {
    }

    static void reset(Message message, ChatRequest request) {
        message.removeHeaders("*");
        // the enum camel-http reads it as: a string would go through the type converter registry each call
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        // below the target's API base URL, which the call route's endpoint holds
        message.setHeader(Exchange.HTTP_PATH, request.operation().upstreamPath());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", request.stream() ? "text/event-stream" : "application/json");
        message.setBody(request.outgoingBody().toString().getBytes(StandardCharsets.UTF_8));
    }
}
