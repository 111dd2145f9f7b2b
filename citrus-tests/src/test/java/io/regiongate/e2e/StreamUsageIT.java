package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.TokenUsageProbe;
import io.regiongate.e2e.support.FreePorts;
import io.regiongate.e2e.support.GatewayConfigFile;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.quota.TokenEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a stream cost is always known: the gateway asks every upstream for the final usage chunk
 * ({@code stream_options.include_usage}), hands that chunk on only to a client that asked for it,
 * and meters every stream: by the upstream's usage when it sends one, else by counting the
 * generated tokens with the tokenizer.
 */
class StreamUsageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final String REPORTING_MODEL = "gpt-4o";
    private static final String SILENT_MODEL = "vendor-without-usage";
    private static final List<String> WORDS = List.of("Usage", "is", "always", "known", "in", "this", "region");
    private static final List<String> SILENT_WORDS =
            List.of("Counting", "tokens", "when", "the", "vendor", "reports", "none", "costs", "a", "tokenizer");
    /** The usage the reporting vendor claims: deliberately unlike any estimate, so the test sees whose count was charged. */
    private static final long REPORTED_TOTAL = 77;
    /** The request's completion cap: the reservation is far above what any of these streams costs. */
    private static final int MAX_TOKENS = 1000;

    private static final List<String> REPORTING_EVENTS = withUsageChunk(
            PacedEventStream.chunkEvents("chatcmpl-usage-1", WORDS), REPORTED_TOTAL);
    private static final List<String> SILENT_EVENTS = PacedEventStream.chunkEvents("chatcmpl-silent-1", SILENT_WORDS);

    private static ScriptedUpstream vendors;
    private static GatewayProcess gateway;
    private final SseClient gatewayClient = new SseClient();
    private TokenUsageProbe adminUsage;

    @BeforeAll
    static void startVendorsAndGateway() {
        vendors = ScriptedUpstream.start();
        gateway = GatewayProcess.start("stream-usage", GatewayConfigFile.listeningOn(FreePorts.next())
                .tenant(TENANT)
                .quotas("{tokens-per-day: 100000000}")
                .environment("REGIONGATE_ADMIN_TOKEN", ADMIN_TOKEN)
                .upstream(Upstream.openAi("eu-reporting", GatewayConfigFile.REGION,
                        vendors.endpoint("reporting", ScriptedUpstream.streaming(REPORTING_EVENTS))).models(REPORTING_MODEL))
                .upstream(Upstream.openAi("eu-silent", GatewayConfigFile.REGION,
                        vendors.endpoint("silent", ScriptedUpstream.streaming(SILENT_EVENTS))).models(SILENT_MODEL)));
    }

    @AfterAll
    static void stopEverything() {
        if (gateway != null) {
            gateway.close();
        }
        if (vendors != null) {
            vendors.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void adminEndpoint() {
        adminUsage = new TokenUsageProbe(gateway, ADMIN_TOKEN);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void withholdsTheUsageChunkFromAClientThatDidNotAskAndMetersTheVendorsUsage() throws Exception {
        // given a vendor that ends its stream with a usage chunk
        long usedBefore = tokensUsed();
        int calls = vendors.count("reporting");

        // when a client streams without asking for usage
        List<ReceivedEvent> events = stream(request(REPORTING_MODEL, ""));

        // then the vendor was asked for usage all the same
        assertThat(vendors.count("reporting")).isEqualTo(calls + 1);
        JsonNode sent = JSON.readTree(vendors.received("reporting").get(calls).body());
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).as("sent: %s", sent).isTrue();
        // and the client got every event but the usage chunk, unchanged
        List<String> expected = new ArrayList<>(REPORTING_EVENTS);
        expected.remove(expected.size() - 2);
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(expected);
        // and the vendor's usage was charged
        assertThat(settledSince(usedBefore)).isEqualTo(REPORTED_TOTAL);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void relaysTheUsageChunkToAClientThatAskedAndMetersTheVendorsUsage() throws Exception {
        long usedBefore = tokensUsed();

        // when a client streams and asks for usage
        List<ReceivedEvent> events = stream(request(REPORTING_MODEL, ",\"stream_options\":{\"include_usage\":true}"));

        // then it gets the vendor's whole stream, usage chunk included
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(REPORTING_EVENTS);
        JsonNode usage = JSON.readTree(events.get(events.size() - 2).data());
        assertThat(usage.path("usage").path("total_tokens").asLong()).isEqualTo(REPORTED_TOTAL);
        // and the same usage was charged
        assertThat(settledSince(usedBefore)).isEqualTo(REPORTED_TOTAL);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void countsTheCompletionWithTheTokenizerWhenTheVendorSendsNoUsage() throws Exception {
        // given a vendor that ignores stream_options and sends no usage chunk
        long usedBefore = tokensUsed();
        String body = request(SILENT_MODEL, "");

        // when a client streams from it
        List<ReceivedEvent> events = stream(body);

        // then the client has the whole stream
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(SILENT_EVENTS);
        // and the charge is the prompt estimate plus the tokenizer's count of the completion, within a few tokens
        TokenEstimator tokenizer = new TokenEstimator();
        long expected = tokenizer.promptTokens(JSON.readTree(body)) + tokenizer.count(String.join(" ", SILENT_WORDS));
        long charged = settledSince(usedBefore);
        System.out.printf("[e2e] no usage from the vendor: charged %d tokens, tokenizer count %d%n", charged, expected);
        assertThat(charged).isBetween(expected - 3, expected + 3);
    }

    private List<ReceivedEvent> stream(String body) {
        try (SseClient.Stream stream = gatewayClient.post(gateway.uri("/v1/chat/completions"), TENANT.bearer(), body)) {
            assertThat(stream.status()).isEqualTo(200);
            return stream.readAll();
        }
    }

    private static String request(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + MAX_TOKENS + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"how much did this cost " + UUID.randomUUID() + "\"}]}";
    }

    private long settledSince(long before) {
        return adminUsage.settledSince(TENANT.id(), before, MAX_TOKENS / 2);
    }

    private long tokensUsed() {
        return adminUsage.tokensUsed(TENANT.id());
    }

    /** The events with an OpenAI usage chunk before {@code [DONE]}. */
    private static List<String> withUsageChunk(List<String> events, long total) {
        List<String> withUsage = new ArrayList<>(events.subList(0, events.size() - 1));
        withUsage.add("data: {\"id\":\"chatcmpl-usage-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + (total - 7)
                + ",\"completion_tokens\":7,\"total_tokens\":" + total + "}}\n\n");
        withUsage.add(events.get(events.size() - 1));
        return withUsage;
    }
}
