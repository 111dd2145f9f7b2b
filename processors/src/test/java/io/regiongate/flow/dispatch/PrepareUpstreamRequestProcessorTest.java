package io.regiongate.flow.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.ChatRequest;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.UpstreamConfig;
import io.regiongate.config.UpstreamModels;
import io.regiongate.config.UpstreamType;
import io.regiongate.dispatch.ResolvedUpstream;
import io.regiongate.flow.Calls;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The request an upstream gets names the model as the endpoint calls it, carries the upstream's own
 * key the way its kind expects, and nothing of the client's headers.
 */
class PrepareUpstreamRequestProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Exchange prepared(UpstreamType type, String apiVersion) throws Exception {
        UpstreamConfig config = new UpstreamConfig("up", "eu-west-1", type, "https://vendor.example", "KEY",
                UpstreamModels.of(Map.of("gpt-4o", "gpt4o eu/prod")), null, null, null, null, null, null, null, apiVersion, false);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader("Authorization", "Bearer client-key");
        GatewayCall call = new GatewayCall("req", Instant.now(), null);
        call.validated(new ChatRequest((ObjectNode) JSON.readTree("{\"model\":\"gpt-4o\",\"messages\":[]}"), "gpt-4o", false));
        call.calling(new ResolvedUpstream(config, "https://vendor.example", "sk-upstream"));
        Calls.begin(exchange, call);
        new PrepareUpstreamRequestProcessor().process(exchange);
        return exchange;
    }

    @Test
    void anOpenAiEndpointGetsTheDeploymentAsModelAndItsBearerKey() throws Exception {
        Exchange exchange = prepared(UpstreamType.OPENAI, null);

        assertThat(JSON.readTree(exchange.getIn().getBody(byte[].class)).path("model").asText()).isEqualTo("gpt4o eu/prod");
        assertThat(exchange.getIn().getHeader("Authorization")).isEqualTo("Bearer sk-upstream");
        assertThat(exchange.getIn().getHeader(Exchange.HTTP_PATH)).isEqualTo("chat/completions");
        assertThat(exchange.getIn().getHeader(Exchange.HTTP_QUERY)).isNull();
        assertThat(exchange.getIn().getHeader(Exchange.HTTP_METHOD)).as("the type camel-http reads: no conversion per call")
                .isSameAs(org.apache.camel.component.http.HttpMethods.POST);
        assertThat(Calls.of(exchange).upstreamModel()).isEqualTo("gpt4o eu/prod");
    }

    @Test
    void anAzureEndpointGetsTheDeploymentInItsPathTheApiVersionAndTheKeyInApiKeyOnly() throws Exception {
        Exchange exchange = prepared(UpstreamType.AZURE_OPENAI, "2024-10-21");

        assertThat(exchange.getIn().getHeader(Exchange.HTTP_PATH)).isEqualTo("openai/deployments/gpt4o%20eu%2Fprod/chat/completions");
        assertThat(exchange.getIn().getHeader(Exchange.HTTP_QUERY)).isEqualTo("api-version=2024-10-21");
        assertThat(exchange.getIn().getHeader("api-key")).isEqualTo("sk-upstream");
        assertThat(exchange.getIn().getHeader("Authorization")).as("neither the client's nor the upstream's bearer").isNull();
        assertThat(new String(exchange.getIn().getBody(byte[].class), StandardCharsets.UTF_8)).doesNotContain("client-key");
    }
}
