package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.camel.RegionGateConstants;
import io.regiongate.camel.RegionGateException;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3 of the embedding issue: a host Camel application in this JVM, with RegionGate added
 * to its context as a library, calls {@code regiongate:chat} from its own routes. An answer comes
 * back as OpenAI's JSON with the request id of its record in the region's audit trail; a request
 * over the tenant's tokens per minute is refused before any vendor hears of it, and the host's
 * own {@code onException(RegionGateException.class)} sees status 429 and code
 * {@code rate_limit_exceeded}.
 */
class ComponentOverQuotaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String EU_PRIMARY = "eu-primary";
    private static final int TOKENS_PER_MINUTE = 100;
    /** Where the host's guarded route puts what its onException saw. */
    private static final String REFUSAL = "refusal";

    @RegisterExtension
    static final Deployment deployment = Deployment.camelHost("component-over-quota", new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ask")
                            .routeId("host-ask")
                            .to("regiongate:chat");
                    from("direct:ask-guarded")
                            .routeId("host-ask-guarded")
                            .onException(RegionGateException.class).handled(true)
                                .process(exchange -> {
                                    RegionGateException refused =
                                            exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RegionGateException.class);
                                    exchange.getMessage().setBody(Map.of("status", refused.status(),
                                            "type", refused.type(), "code", String.valueOf(refused.code())));
                                    exchange.getMessage().setHeader(REFUSAL, true);
                                })
                            .end()
                            .to("regiongate:chat");
                }
            })
            .tenant(ACME_EU)
            .quotas("{tokens-per-minute: " + TOKENS_PER_MINUTE + "}")
            .upstream(Upstream.openAi(EU_PRIMARY, Deployment.EU),
                    VendorReplies.completes("chatcmpl-host", "answered to the host"));

    @Test
    void answersTheHostWithOpenAiJsonAndTheRequestIdOfItsAuditRecord() throws Exception {
        int vendorCallsBefore = deployment.calls(EU_PRIMARY);

        Exchange answered = deployment.host().producer().send("direct:ask", exchange -> {
            exchange.getIn().setBody(Map.of("model", "gpt-4o", "max_tokens", 10,
                    "messages", List.of(Map.of("role", "user", "content", "Hello from the estate"))));
            exchange.getIn().setHeader(RegionGateConstants.API_KEY, ACME_EU.apiKey());
        });

        assertThat(answered.getException()).isNull();
        JsonNode answer = JSON.readTree(answered.getMessage().getBody(String.class));
        assertThat(answer.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("answered to the host");
        assertThat(answered.getMessage().getHeader(RegionGateConstants.UPSTREAM)).isEqualTo(EU_PRIMARY);
        assertThat(answered.getMessage().getHeader(RegionGateConstants.REGION)).isEqualTo(Deployment.EU);
        assertThat(answered.getMessage().getHeaders()).doesNotContainKey(RegionGateConstants.API_KEY);
        assertThat(deployment.calls(EU_PRIMARY)).isEqualTo(vendorCallsBefore + 1);
        String requestId = answered.getMessage().getHeader(RegionGateConstants.REQUEST_ID, String.class);
        assertThat(requestId).isNotBlank();
        Poll.require(Duration.ofSeconds(10), () -> AuditFiles.lines(deployment.journal()).stream()
                        .anyMatch(line -> requestId.equals(line.path("request_id").asText())
                                && ACME_EU.id().equals(line.path("tenant").asText())),
                () -> "no audit record of request " + requestId + " in " + deployment.journal());
    }

    @Test
    void hostOnExceptionSeesStatus429AndRateLimitExceededWhenTheRequestIsOverQuota() throws Exception {
        int vendorCallsBefore = deployment.calls(EU_PRIMARY);

        Exchange refused = deployment.host().producer().send("direct:ask-guarded", exchange -> {
            // its completion reserve alone is over the tenant's tokens per minute
            exchange.getIn().setBody("{\"model\":\"gpt-4o\",\"max_tokens\":" + (TOKENS_PER_MINUTE * 5)
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"A long essay, please\"}]}");
            exchange.getIn().setHeader(RegionGateConstants.API_KEY, ACME_EU.apiKey());
        });

        assertThat(refused.getException()).isNull();
        assertThat(refused.getMessage().getHeader(REFUSAL, Boolean.class)).isTrue();
        assertThat(refused.getMessage().getBody(Map.class))
                .containsEntry("status", 429)
                .containsEntry("code", "rate_limit_exceeded");
        assertThat(deployment.calls(EU_PRIMARY)).isEqualTo(vendorCallsBefore);
    }

    @Test
    void aBadKeyIsATypedRefusalWithStatus401() {
        Exchange refused = deployment.host().producer().send("direct:ask", exchange -> {
            exchange.getIn().setBody("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            exchange.getIn().setHeader(RegionGateConstants.API_KEY, "rg-not-a-key");
        });

        assertThat(refused.getException()).isInstanceOf(RegionGateException.class);
        RegionGateException error = (RegionGateException) refused.getException();
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.code()).isEqualTo("invalid_api_key");
    }
}
