package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An EU tenant (cross-border never) whose requests reach the US runtime and are refused there,
 * each for another reason, some before the residency decision exists: none of its prompts, nor a
 * hash of one, is left in any file the US runtime writes (its audit journal, its log).
 */
class EarlyRefusalResidencyIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Deployment deployment = Deployment.named("early-refusal-us")
            .runtime(US, US)
            .tenant(ACME_EU, "never")
            .upstream(Upstream.unreachable("us-primary", US))
            // the EU peer is away: a pinned request cannot be forwarded either
            .configure(config -> config.peer(EU, "http://127.0.0.1:" + FreePorts.next()));

    private final ChatClient client = new ChatClient();

    @Test
    void everyKindOfEarlyRefusalLeavesNoPromptAndNoPromptHashInTheUs() throws Exception {
        GatewayProcess usRuntime = deployment.gateway();
        Map<String, Refusal> refusals = new LinkedHashMap<>();
        refusals.put("narrowed to the US", new Refusal(body("gpt-4o", ""), Map.of("X-RegionGate-Residency", "us"), 403));
        refusals.put("unknown zone", new Refusal(body("gpt-4o", ""), Map.of("X-RegionGate-Residency", "mars"), 400));
        refusals.put("malformed consent", new Refusal(body("gpt-4o", ""), Map.of("X-RegionGate-Consent", "no way!"), 400));
        refusals.put("bad stream flag", new Refusal(body("gpt-4o", ",\"stream\":\"yes\""), Map.of(), 400));
        refusals.put("overflowing max_tokens", new Refusal(body("gpt-4o", ",\"max_tokens\":9223372036854775807"), Map.of(), 400));
        refusals.put("model too long", new Refusal(body("m".repeat(300), ""), Map.of(), 400));
        refusals.put("negative n", new Refusal(body("gpt-4o", ",\"n\":-1"), Map.of(), 400));
        refusals.put("pinned, no EU peer", new Refusal(body("gpt-4o", ""), Map.of(), 503));

        // when each is sent to the US runtime
        for (Map.Entry<String, Refusal> refusal : refusals.entrySet()) {
            HttpResponse<String> answer = client.post(usRuntime.uri("/v1/chat/completions"), ACME_EU,
                    refusal.getValue().json(), refusal.getValue().headers());
            assertThat(answer.statusCode()).as(refusal.getKey() + ": " + answer.body())
                    .isEqualTo(refusal.getValue().status());
            refusal.getValue().requestId = ChatClient.header(answer, "X-Request-Id");
        }

        // then every refusal is in the US trail...
        for (Map.Entry<String, Refusal> refusal : refusals.entrySet()) {
            Poll.require(Duration.ofSeconds(20), () -> !usRuntime.filesContaining(refusal.getValue().requestId).isEmpty(),
                    () -> "no record of '" + refusal.getKey() + "' (" + refusal.getValue().requestId + ") in the US runtime's files");
        }
        // ...and no file of the US runtime holds a prompt, or the hash the audit record would keep of it
        for (Map.Entry<String, Refusal> refusal : refusals.entrySet()) {
            Refusal sent = refusal.getValue();
            assertThat(usRuntime.filesContaining(sent.marker)).as(refusal.getKey() + ": the prompt's marker").isEmpty();
            assertThat(usRuntime.filesContaining(sent.messagesSha256())).as(refusal.getKey() + ": the prompt's hash").isEmpty();
        }
    }

    private static String body(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"MARKER\"}]" + extra + "}";
    }

    private static final class Refusal {
        private final String marker = "eu-secret-" + UUID.randomUUID();
        private final String json;
        private final Map<String, String> headers;
        private final int status;
        private String requestId;

        Refusal(String json, Map<String, String> headers, int status) {
            this.json = json.replace("MARKER", marker);
            this.headers = headers;
            this.status = status;
        }

        String json() {
            return json;
        }

        Map<String, String> headers() {
            return headers;
        }

        int status() {
            return status;
        }

        /** What {@code content.prompt_sha256} would hold: the SHA-256 of {@code messages} as compact JSON. */
        String messagesSha256() throws Exception {
            String messages = JSON.readTree(json).get("messages").toString();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(messages.getBytes(StandardCharsets.UTF_8)));
        }
    }

}
