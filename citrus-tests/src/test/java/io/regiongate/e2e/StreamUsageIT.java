package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.receivesNothing;
import static io.regiongate.e2e.support.VendorReplies.receivesRequest;
import static io.regiongate.e2e.support.VendorReplies.streams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.SseClient.ReceivedEvent;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.quota.TokenEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.server.HttpServer;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a stream cost is always known: the gateway asks every upstream for the final usage chunk
 * ({@code stream_options.include_usage}), hands that chunk on only to a client that asked for it,
 * and meters every stream: by the upstream's usage when it sends one, else by counting the
 * generated tokens with the tokenizer.
 */
@CitrusSupport
class StreamUsageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final String REPORTING = "eu-reporting";
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

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("stream-usage")
            .tenant(TENANT)
            .quotas("{tokens-per-day: 100000000}")
            .adminToken(ADMIN_TOKEN)
            .citrusUpstream(Upstream.openAi(REPORTING, EU).models(REPORTING_MODEL))
            .upstream(Upstream.openAi("eu-silent", EU).models(SILENT_MODEL), ScriptedUpstream.streaming(SILENT_EVENTS));
    /** The vendor that reports usage: the scenarios see what it was asked. */
    private static final HttpServer reportingVendor = deployment.server(REPORTING);

    private final SseClient gatewayClient = new SseClient();

    @Test
    @CitrusTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void withholdsTheUsageChunkFromAClientThatDidNotAskAndMetersTheVendorsUsage(@CitrusResource TestCaseRunner runner)
            throws Exception {
        // given a vendor that ends its stream with a usage chunk
        long usedBefore = tokensUsed();

        // when a client streams without asking for usage
        CompletableFuture<List<ReceivedEvent>> streaming = streamAsync(request(REPORTING_MODEL, ""));

        // then the vendor is asked for usage all the same, once, and streams its answer with usage
        runner.then(receivesRequest(reportingVendor).message().type(MessageType.JSON)
                .validate(jsonPath().expression("$.stream_options.include_usage", true)));
        runner.then(streams(reportingVendor, REPORTING_EVENTS));
        List<ReceivedEvent> events = streaming.get(20, TimeUnit.SECONDS);
        runner.then(receivesNothing(reportingVendor));
        // and the client got every event but the usage chunk, unchanged
        List<String> expected = new ArrayList<>(REPORTING_EVENTS);
        expected.remove(expected.size() - 2);
        assertThat(events).extracting(ReceivedEvent::raw).containsExactlyElementsOf(expected);
        // and the vendor's usage was charged
        assertThat(settledSince(usedBefore)).isEqualTo(REPORTED_TOTAL);
    }

    @Test
    @CitrusTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void relaysTheUsageChunkToAClientThatAskedAndMetersTheVendorsUsage(@CitrusResource TestCaseRunner runner)
            throws Exception {
        long usedBefore = tokensUsed();

        // when a client streams and asks for usage
        CompletableFuture<List<ReceivedEvent>> streaming =
                streamAsync(request(REPORTING_MODEL, ",\"stream_options\":{\"include_usage\":true}"));
        runner.then(receivesRequest(reportingVendor));
        runner.then(streams(reportingVendor, REPORTING_EVENTS));
        List<ReceivedEvent> events = streaming.get(20, TimeUnit.SECONDS);

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
        try (SseClient.Stream stream = gatewayClient.post(deployment.uri("/v1/chat/completions"), TENANT.bearer(), body)) {
            assertThat(stream.status()).isEqualTo(200);
            return stream.readAll();
        }
    }

    /** Streams while the scenario converses with the vendor; the client waits for the vendor's answer. */
    private CompletableFuture<List<ReceivedEvent>> streamAsync(String body) {
        return CompletableFuture.supplyAsync(() -> stream(body));
    }

    private static String request(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + MAX_TOKENS + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"how much did this cost " + UUID.randomUUID() + "\"}]}";
    }

    private long settledSince(long before) {
        return AdminUsage.settledSince(deployment.gateway(), TENANT.id(), ADMIN_TOKEN, before, MAX_TOKENS / 2);
    }

    private long tokensUsed() {
        return AdminUsage.of(deployment.gateway(), TENANT.id(), ADMIN_TOKEN).tokensUsed();
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
