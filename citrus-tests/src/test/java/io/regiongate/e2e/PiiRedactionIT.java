package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.BrokerRecords;
import io.regiongate.e2e.support.BrokerRecords.StoredRecord;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PII redaction in process (issue 15). One EU runtime auditing to its own Kafka broker; a stand-in
 * vendor that records the bodies it receives and echoes the user's text back (whole), or streams a
 * scripted answer (held after its first event until the scenario releases it). Tenants: an EU tenant
 * with the GDPR profile of its zone, restore and redacted audit content; an EU tenant without
 * restore whose answers are redacted; an EU tenant whose profile blocks; a US tenant served here
 * (cross-border allowed) whose zone's profile is the CCPA one.
 */
class PiiRedactionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant ACME_EU = TestTenant.of("acme-eu", "eu");
    private static final TestTenant STREAMER_EU = TestTenant.of("streamer-eu", "eu");
    private static final TestTenant BLOCKED_EU = TestTenant.of("blocked-eu", "eu");
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final String VENDOR = "eu-vendor";
    private static final String TOPIC = Deployment.auditTopicName(EU);

    // the planted values: valid check digits, searched for everywhere afterwards
    private static final String EMAIL = "anna.schmidt@example.de";
    private static final String IBAN = "DE89 3704 0044 0532 0130 00";
    private static final String PHONE = "+49 30 901820";
    private static final String TAX_ID = "86095742719";
    private static final String SSN = "123-45-6789";
    /** Another valid tax id, for the US tenant, whose profile does not look for German tax ids. */
    private static final String OTHER_TAX_ID = "47036892816";
    private static final String STREAMED_EMAIL = "bob.split@example.org";

    private static final Queue<JsonNode> RECEIVED = new ConcurrentLinkedQueue<>();
    private static final CountDownLatch RELEASE_STREAM = new CountDownLatch(1);

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("pii-redaction")
            .configure(config -> config
                    .tenant(ACME_EU, "never", List.of("audit: {delivery: sync, content: redacted}",
                            "redaction: {restore: true, apply-to: [prompt, completion]}"))
                    .tenant(STREAMER_EU, "never", List.of("audit: {content: redacted}",
                            "redaction: {profile: gdpr, apply-to: [prompt, completion]}"))
                    .tenant(BLOCKED_EU, "never", List.of("audit: {delivery: sync, content: redacted}",
                            "redaction: {profile: strict}"))
                    .tenant(GLOBEX_US, "allowed", List.of("audit: {content: redacted}"))
                    .section("""
                            redaction:
                              profiles:
                                gdpr: {detect: [email, phone, iban, payment-card, ip-address, eu-national-id], action: redact, countries: [DE, FR]}
                                ccpa: {detect: [us-ssn, us-itin, payment-card, bank-account, email], action: redact, countries: [US]}
                                strict: {detect: [email, iban], action: block}
                              zones: {eu: gdpr, us: ccpa}
                              max-scan-bytes: 65536
                            """))
            .upstream(Upstream.openAi(VENDOR, EU), ScriptedUpstream.byStreamFlag(echoingVendor(), ScriptedUpstream.holdingAfter(
                    List.of(chunk("Please write to bob.sp")), RELEASE_STREAM, Duration.ofSeconds(30),
                    List.of(chunk("lit@example.org today."), finish(), "data: [DONE]\n\n"))))
            .auditToKafka();
    private static final KraftBroker broker = deployment.broker(EU);

    private final ChatClient client = new ChatClient();

    /** Scenario 1: placeholders only at the vendor; the client's answer shows the original values. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anEuTenantsPromptReachesTheVendorWithPlaceholdersOnlyAndTheAnswerIsRestored() throws IOException {
        String prompt = "Mail " + EMAIL + ", IBAN " + IBAN + ", call " + PHONE + ", Steuer-ID " + TAX_ID + ".";

        HttpResponse<String> answer = client.post(deployment.uri("/v1/chat/completions"), ACME_EU, request(prompt, false));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode sent = lastReceived();
        String sentText = sent.at("/messages/0/content").asText();
        assertThat(sentText).isEqualTo("Mail [EMAIL_1], IBAN [IBAN_1], call [PHONE_1], Steuer-ID [DE_TAX_ID_1].");
        assertThat(sent.toString()).doesNotContain(EMAIL).doesNotContain(IBAN).doesNotContain(PHONE).doesNotContain(TAX_ID);
        String shown = JSON.readTree(answer.body()).at("/choices/0/message/content").asText();
        assertThat(shown).isEqualTo("You said: " + prompt);

        // scenario 5: the audit record holds the redacted text and the counts, never a value
        String requestId = ChatClient.header(answer, "X-Request-Id");
        JsonNode record = awaitRecord(requestId);
        assertThat(record.path("redactions").toString())
                .isEqualTo("{\"de-tax-id\":1,\"email\":1,\"iban\":1,\"phone\":1}");
        assertThat(record.at("/content/policy").asText()).isEqualTo("redacted");
        assertThat(record.at("/content/prompt/0/content").asText()).isEqualTo(sentText);
        assertThat(record.at("/content/completion_text").asText())
                .isEqualTo("You said: Mail [EMAIL_1], IBAN [IBAN_1], call [PHONE_1], Steuer-ID [DE_TAX_ID_1].");
        assertNoPlantedValueAnywhere(List.of(EMAIL, IBAN, PHONE, TAX_ID, IBAN.replace(" ", "")));
    }

    /** Scenario 2: an e-mail split across two events reaches the client redacted, in order, the first event at once. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStreamedEmailSplitAcrossTwoEventsReachesTheClientRedactedWithoutHoldingAnEvent() {
        SseClient sse = new SseClient();
        try (SseClient.Stream stream = sse.post(deployment.uri("/v1/chat/completions"), STREAMER_EU.bearer(),
                request("Write me a short note.", true))) {
            assertThat(stream.status()).isEqualTo(200);

            // the vendor's first event arrives while the vendor still holds the second: not held back
            SseClient.ReceivedEvent first = stream.next().orElseThrow();
            assertThat(content(first)).isEqualTo("Please write to ");
            RELEASE_STREAM.countDown();

            List<SseClient.ReceivedEvent> rest = stream.readAll();
            StringBuilder text = new StringBuilder(content(first));
            rest.stream().filter(event -> !event.data().equals("[DONE]")).forEach(event -> text.append(content(event)));
            assertThat(text.toString()).isEqualTo("Please write to [EMAIL_1] today.");
            assertThat(rest).last().extracting(SseClient.ReceivedEvent::data).isEqualTo("[DONE]");
            assertThat(rest).hasSize(3);
            String requestId = stream.header("X-Request-Id").orElseThrow();
            JsonNode record = awaitRecord(requestId);
            assertThat(record.path("redactions").path("email").asInt()).isEqualTo(1);
            assertThat(record.at("/content/completion_text").asText()).isEqualTo("Please write to [EMAIL_1] today.");
        }
        assertNoPlantedValueAnywhere(List.of(STREAMED_EMAIL));
    }

    /** Scenario 3: block answers 400 naming the types; nothing reaches the vendor; the record says why. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBlockingProfileRefusesWith400NamingTheTypesAndSendsNothing() {
        int callsBefore = deployment.calls(VENDOR);

        HttpResponse<String> answer = client.post(deployment.uri("/v1/chat/completions"), BLOCKED_EU,
                request("Pay " + IBAN + " and tell " + EMAIL, false));

        assertThat(answer.statusCode()).isEqualTo(400);
        OpenAiErrorShape.assertError(answer.body(), OpenAiErrorShape.INVALID_REQUEST, "pii_detected", "messages");
        assertThat(answer.body()).contains("email, iban").doesNotContain(EMAIL).doesNotContain("DE89");
        assertThat(deployment.calls(VENDOR)).isEqualTo(callsBefore);
        JsonNode record = awaitRecord(ChatClient.header(answer, "X-Request-Id"));
        assertThat(record.path("status").asInt()).isEqualTo(400);
        assertThat(record.path("error_code").asText()).isEqualTo("pii_detected");
        assertThat(record.path("redactions").toString()).isEqualTo("{\"email\":1,\"iban\":1}");
        assertNoPlantedValueAnywhere(List.of(EMAIL, IBAN));
    }

    /** Scenario 4: a US tenant's prompt is scanned with the US profile, not the EU one. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aUsTenantsPromptIsScannedWithTheUsProfile() {
        HttpResponse<String> answer = client.post(deployment.uri("/v1/chat/completions"), GLOBEX_US,
                request("SSN " + SSN + ", Steuer-ID " + OTHER_TAX_ID + ", mail " + EMAIL, false));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String sent = lastReceived().at("/messages/0/content").asText();
        assertThat(sent).as("SSN and e-mail are the US profile's; a German tax id is not")
                .isEqualTo("SSN [US_SSN_1], Steuer-ID " + OTHER_TAX_ID + ", mail [EMAIL_1]");
        JsonNode record = awaitRecord(ChatClient.header(answer, "X-Request-Id"));
        assertThat(record.path("redactions").path("us-ssn").asInt()).isPositive();
        assertThat(record.path("redactions").has("de-tax-id")).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPromptTooLargeToScanIsRefusedNotSentUnscanned() {
        int callsBefore = deployment.calls(VENDOR);

        // 70,000 bytes of text in two messages, over redaction.max-scan-bytes (65,536)
        HttpResponse<String> answer = client.post(deployment.uri("/v1/chat/completions"), ACME_EU,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(40_000)
                        + "\"},{\"role\":\"user\",\"content\":\"" + "y".repeat(30_000) + "\"}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        OpenAiErrorShape.assertError(answer.body(), OpenAiErrorShape.INVALID_REQUEST, "prompt_too_large_to_scan", "messages");
        assertThat(deployment.calls(VENDOR)).isEqualTo(callsBefore);
    }

    // ---- the vendor

    /** Records the body and answers with the user's text after "You said: ". */
    private static HttpHandler echoingVendor() {
        return exchange -> {
            JsonNode body = JSON.readTree(ScriptedUpstream.requestBody(exchange));
            RECEIVED.add(body);
            ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-echo").put("object", "chat.completion")
                    .put("created", 1700000000).put("model", "gpt-4o");
            ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant")
                    .put("content", "You said: " + body.at("/messages/0/content").asText());
            answer.putObject("usage").put("prompt_tokens", 9).put("completion_tokens", 4).put("total_tokens", 13);
            ScriptedUpstream.answering(200, answer.toString(), java.util.Map.of()).handle(exchange);
        };
    }

    private static String chunk(String text) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-s").put("object", "chat.completion.chunk")
                .put("created", 1700000000).put("model", "gpt-4o");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("content", text);
        choice.putNull("finish_reason");
        return "data: " + chunk + "\n\n";
    }

    private static String finish() {
        return "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    }

    // ---- helpers

    private static String request(String prompt, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o").put("stream", stream);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return body.toString();
    }

    private static JsonNode lastReceived() {
        JsonNode last = null;
        for (JsonNode body : RECEIVED) {
            last = body;
        }
        assertThat(last).as("the vendor received a request").isNotNull();
        return last;
    }

    private static String content(SseClient.ReceivedEvent event) {
        try {
            return JSON.readTree(event.data()).at("/choices/0/delta/content").asText("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode awaitRecord(String requestId) {
        List<JsonNode> found = new ArrayList<>();
        Poll.require(Duration.ofSeconds(20), () -> {
            Optional<JsonNode> record = BrokerRecords.readTopic(broker.bootstrapServers(), TOPIC).stream()
                    .map(StoredRecord::json).filter(json -> requestId.equals(json.path("request_id").asText())).findFirst();
            record.ifPresent(found::add);
            return record.isPresent();
        }, () -> "no audit record of " + requestId + " on " + TOPIC);
        return found.get(0);
    }

    /** Scenario 5: no planted value in any record of any topic, nor in any file of the run (config, log, audit, broker data). */
    private static void assertNoPlantedValueAnywhere(List<String> values) {
        List<StoredRecord> records = BrokerRecords.readAll(broker.bootstrapServers());
        assertThat(records).isNotEmpty();
        for (String value : values) {
            assertThat(records).as("records holding %s", value).filteredOn(record -> record.contains(value)).isEmpty();
        }
        for (Path directory : List.of(GatewayProcess.directory("pii-redaction"), GatewayProcess.directory("pii-redaction-kafka"))) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text;
                    try {
                        text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        continue;
                    }
                    for (String value : values) {
                        assertThat(text).as("%s holds %s", file, value).doesNotContain(value);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
