package io.regiongate.flow.dispatch;

import io.regiongate.api.ChatRequest;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Builds the upstream request from nothing but the validated body and configuration: every
 * client header is dropped, the logical model becomes what the endpoint calls it (its deployment),
 * and the upstream's own key (from the environment) is set: {@code Authorization: Bearer} for an
 * OpenAI-compatible endpoint; for {@code azure-openai}, the {@code api-key} header, the deployment
 * in the path and the {@code api-version} query parameter.
 */
public final class PrepareUpstreamRequestProcessor implements Processor {

    private static final String AZURE_KEY_HEADER = "api-key";

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        ChatRequest request = call.request();
        Message message = exchange.getIn();
        OutgoingRequest.reset(message, request);
        if (!(call.target() instanceof ResolvedUpstream upstream)) {
            return;
        }
        UpstreamConfig config = upstream.config();
        String deployment = config.deploymentOf(request.model());
        call.calledAs(deployment);
        if (!deployment.equals(request.model())) {
            message.setBody(request.outgoingBody().deepCopy().put("model", deployment).toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (config.isAzure()) {
            message.setHeader(Exchange.HTTP_PATH, "openai/deployments/" + encode(deployment) + "/"
                    + request.operation().upstreamPath());
            message.setHeader(Exchange.HTTP_QUERY, "api-version=" + encode(config.apiVersion()));
            if (upstream.hasApiKey()) {
                message.setHeader(AZURE_KEY_HEADER, upstream.apiKey());
            }
        } else if (upstream.hasApiKey()) {
            message.setHeader(GatewayHeaders.AUTHORIZATION, "Bearer " + upstream.apiKey());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
