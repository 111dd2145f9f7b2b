package io.regiongate.flow.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.ApiOperation;
import io.regiongate.api.ChatRequest;
import io.regiongate.api.GatewayException;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.RedactionAction;
import io.regiongate.config.RedactionConfig;
import io.regiongate.config.RedactionProfileConfig;
import io.regiongate.config.RedactionTarget;
import io.regiongate.config.TenantConfig;
import io.regiongate.config.TenantRedactionConfig;
import io.regiongate.flow.Calls;
import io.regiongate.redaction.RedactionPolicies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RedactPromptProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RedactionConfig REDACTION = new RedactionConfig(
            Map.of("gdpr", new RedactionProfileConfig(List.of("email"), RedactionAction.REDACT, List.of("DE"))),
            Map.of("eu", "gdpr"), Map.of(), null, null);
    private static final RedactPromptProcessor STEP = new RedactPromptProcessor(new RedactionPolicies(new GatewayConfig(
            "eu-west-1", null, Map.of("eu", List.of("eu-west-1")), List.of(), List.of(), Map.of(), List.of(), null,
            null, null, null, null, REDACTION, "test.yaml")));

    @Test
    void aStreamedResponsesRequestOfATenantWhoseAnswersAreRedactedIsRefusedBeforeAnyTargetIsCalled() throws Exception {
        Exchange exchange = request(List.of(RedactionTarget.PROMPT, RedactionTarget.COMPLETION), ApiOperation.RESPONSES, true);

        GatewayException refused = catchThrowableOfType(GatewayException.class, () -> STEP.process(exchange));

        assertThat(refused.error().status()).isEqualTo(400);
        assertThat(refused.error().param()).isEqualTo("stream");
        assertThat(refused.error().message()).contains("send stream=false");
    }

    @Test
    void theSameTenantsWholeResponsesAndChatStreamsAndAPromptOnlyTenantsResponsesStreamsAreServed() throws Exception {
        List<RedactionTarget> both = List.of(RedactionTarget.PROMPT, RedactionTarget.COMPLETION);
        for (Exchange exchange : List.of(request(both, ApiOperation.RESPONSES, false),
                request(both, ApiOperation.CHAT_COMPLETIONS, true),
                request(List.of(RedactionTarget.PROMPT), ApiOperation.RESPONSES, true))) {
            STEP.process(exchange);

            ChatRequest sent = Calls.of(exchange).request();
            assertThat(sent.body().toString()).doesNotContain("anna@example.org").contains("[EMAIL_1]");
        }
    }

    private static Exchange request(List<RedactionTarget> applyTo, ApiOperation operation, boolean stream)
            throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GatewayCall call = new GatewayCall("req", Instant.now(), null);
        call.authenticated(new TenantConfig("acme", "0".repeat(64), "eu", CrossBorder.NEVER, null, null, List.of(),
                new TenantRedactionConfig("gdpr", false, applyTo)), "default", null);
        String text = "write to anna@example.org";
        ObjectNode body = (ObjectNode) JSON.readTree(operation == ApiOperation.RESPONSES
                ? "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"input\":\"" + text + "\"}"
                : "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                        + "\"}]}");
        call.validated(new ChatRequest(body, "gpt-4o", stream, operation));
        Calls.begin(exchange, call);
        return exchange;
    }
}
