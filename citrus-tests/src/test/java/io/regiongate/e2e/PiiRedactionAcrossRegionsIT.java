package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PII redaction on every hop: a US tenant (cross-border allowed) asks the US runtime, whose only
 * upstream fails, and the EU peer serves it. The US runtime scans with its tenant's zone's profile
 * (CCPA: the SSN) before the prompt leaves for the EU; the EU runtime re-applies its own zone's
 * profile (GDPR: the German tax id) before its vendor. The EU vendor sees placeholders only.
 */
class PiiRedactionAcrossRegionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final Queue<JsonNode> RECEIVED_IN_EU = new ConcurrentLinkedQueue<>();

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("pii-redaction-regions")
            .tenant(GLOBEX_US, "allowed")
            .circuitBreaker("default", BreakerSettings.lenient())
            .configure(config -> config.section("""
                    redaction:
                      profiles:
                        gdpr: {detect: [email, phone, iban, eu-national-id], countries: [DE]}
                        ccpa: {detect: [us-ssn, us-itin, email], countries: [US]}
                      zones: {eu: gdpr, us: ccpa}
                    """))
            .upstream(Upstream.openAi("eu-vendor", EU), recordingVendor())
            .upstream(Upstream.openAi("us-vendor", US), VendorReplies.fails(500));

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theArrivalAndThePeerEachApplyTheirOwnZonesProfileBeforeAnythingLeaves() throws Exception {
        HttpResponse<String> answer = new ChatClient().post(deployment.uri(US, "/v1/chat/completions"), GLOBEX_US,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"SSN 123-45-6789, Steuer-ID 86095742719, mail anna@example.com\"}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(ChatClient.header(answer, "X-RegionGate-Region")).isEqualTo(EU);
        assertThat(RECEIVED_IN_EU).hasSize(1);
        assertThat(RECEIVED_IN_EU.peek().at("/messages/0/content").asText())
                .isEqualTo("SSN [US_SSN_1], Steuer-ID [DE_TAX_ID_1], mail [EMAIL_1]");
        assertThat(JSON.readTree(answer.body()).at("/choices/0/message/content").asText())
                .isEqualTo("You said: SSN [US_SSN_1], Steuer-ID [DE_TAX_ID_1], mail [EMAIL_1]");
    }

    private static HttpHandler recordingVendor() {
        return exchange -> {
            JsonNode body = JSON.readTree(ScriptedUpstream.requestBody(exchange));
            RECEIVED_IN_EU.add(body);
            ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-eu").put("object", "chat.completion")
                    .put("created", 1700000000).put("model", "gpt-4o");
            ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant")
                    .put("content", "You said: " + body.at("/messages/0/content").asText());
            ScriptedUpstream.answering(200, answer.toString(), Map.of()).handle(exchange);
        };
    }
}
