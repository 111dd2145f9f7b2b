package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.e2e.support.BrokerRecords;
import io.regiongate.e2e.support.BrokerRecords.StoredRecord;
import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.SseClient;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Audit scenario 2: audit records stay in the region that holds the content. Two runtimes,
 * eu-west-1 and us-east-1, each publish to their own Kafka broker and name each other as peers.
 * A US tenant whose US upstream fails is served by the EU peer: the full record, with content
 * hashes, is on the EU broker; the US broker holds only the record of the forward, without any
 * content hash. An EU tenant's request that reaches the US runtime is pinned to the EU: nothing on
 * any topic of the US broker holds its content or its content hashes, whether the EU served it
 * (whole or streamed) or failed to.
 */
class AuditStaysInRegionIT {

    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String EU_TOPIC = Deployment.auditTopicName(EU);
    private static final String US_TOPIC = Deployment.auditTopicName(US);
    private static final String EU_PRIMARY = "eu-primary";
    private static final String EU_FAILING = "eu-failing";
    private static final String US_PRIMARY = "us-primary";
    /** Only the failing EU upstream serves it. */
    private static final String FAILING_MODEL = "gpt-4o-mini";
    private static final String EU_ANSWER_TEXT = "served in eu-west-1";
    private static final Duration RECORD_WITHIN = Duration.ofSeconds(20);

    private static final List<String> EU_EVENTS =
            VendorReplies.streamEvents("chatcmpl-eu-stream", List.of("served", "in", "eu-west-1"));

    /** Each region's runtime publishes its audit records to a broker of its own. */
    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("audit-stays-in-region")
            .tenant(GLOBEX_US, "allowed")
            .tenant(ACME_EU, "never")
            .circuitBreaker("default", BreakerSettings.lenient())
            .upstream(Upstream.openAi(EU_PRIMARY, EU), ScriptedUpstream.byStreamFlag(
                    VendorReplies.completes("chatcmpl-eu", EU_ANSWER_TEXT), ScriptedUpstream.streaming(EU_EVENTS)))
            .upstream(Upstream.openAi(EU_FAILING, EU).models(FAILING_MODEL), VendorReplies.fails(500))
            .upstream(Upstream.openAi(US_PRIMARY, US), VendorReplies.fails(500))
            .auditToKafka();
    private static final KraftBroker euBroker = deployment.broker(EU);
    private static final KraftBroker usBroker = deployment.broker(US);

    private final ChatClient gatewayClient = new ChatClient();
    private final SseClient streamingClient = new SseClient();
    private String marker;

    @BeforeEach
    void newMarker() {
        marker = "audit-residency-" + UUID.randomUUID();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void keepsTheFullRecordInTheEuAndOnlyTheForwardInTheUsWhenTheEuPeerServesAUsTenant() {
        // given the US upstream fails
        // when the US tenant, whose policy allows every region, asks the US runtime
        HttpResponse<String> answer = gatewayClient.post(deployment.uri(US, "/v1/chat/completions"), GLOBEX_US,
                chatRequest("gpt-4o", marker, false));

        // then the EU peer serves it after the US upstream failed
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(ChatClient.header(answer, "X-RegionGate-Region")).isEqualTo(EU);
        assertThat(ChatClient.header(answer, "X-RegionGate-Failover")).isEqualTo(US_PRIMARY + ":http-500>peer-" + EU + ":ok");

        // and the EU broker holds the full record, with the hashes of prompt and completion
        String promptHash = sha256(messagesOf(marker));
        String completionHash = sha256(EU_ANSWER_TEXT);
        JsonNode euRecord = awaitRecord(euBroker, EU_TOPIC, "prompt_sha256 " + promptHash,
                record -> promptHash.equals(record.path("content").path("prompt_sha256").asText()));
        assertThat(euRecord.path("tenant").asText()).isEqualTo(GLOBEX_US.id());
        assertThat(euRecord.path("arrival_region").asText()).isEqualTo(EU);
        assertThat(euRecord.path("serving_region").asText()).isEqualTo(EU);
        assertThat(euRecord.path("upstream").asText()).isEqualTo(EU_PRIMARY);
        assertThat(euRecord.path("status").asInt()).isEqualTo(200);
        assertThat(euRecord.path("content").path("completion_sha256").asText()).isEqualTo(completionHash);

        // and the US broker holds only the record of the forward: where it went, no content hash
        String requestId = ChatClient.header(answer, "X-Request-Id");
        JsonNode usRecord = awaitRecord(usBroker, US_TOPIC, "request_id " + requestId,
                record -> requestId.equals(record.path("request_id").asText()));
        assertThat(usRecord.path("tenant").asText()).isEqualTo(GLOBEX_US.id());
        assertThat(usRecord.path("arrival_region").asText()).isEqualTo(US);
        assertThat(usRecord.path("serving_region").asText()).isEqualTo(EU);
        assertThat(usRecord.path("upstream").asText()).isEqualTo(EU_PRIMARY);
        assertThat(usRecord.path("residency").path("decision").asText()).isEqualTo("forwarded");
        assertThat(usRecord.path("failover_hops")).extracting(JsonNode::asText).startsWith(US_PRIMARY + ":http-500");
        assertThat(usRecord.path("content").has("prompt_sha256")).as("US record %s", usRecord).isFalse();
        assertThat(usRecord.path("content").has("completion_sha256")).as("US record %s", usRecord).isFalse();
        assertNothingOnTheUsBrokerHolds(List.of(marker, promptHash, completionHash));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void leavesNoContentOrContentHashOfAPinnedEuRequestOnAnyTopicOfTheUsBroker() {
        // when the EU tenant's request arrives at the US runtime, whole and streamed
        String streamMarker = marker + "-stream";
        HttpResponse<String> whole = gatewayClient.post(deployment.uri(US, "/v1/chat/completions"), ACME_EU,
                chatRequest("gpt-4o", marker, false));
        String streamRequestId;
        try (SseClient.Stream stream = streamingClient.post(deployment.uri(US, "/v1/chat/completions"), ACME_EU.bearer(),
                chatRequest("gpt-4o", streamMarker, true))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("X-RegionGate-Region")).contains(EU);
            streamRequestId = stream.header("X-Request-Id").orElseThrow();
            assertThat(stream.readAll()).last().extracting(SseClient.ReceivedEvent::data).isEqualTo("[DONE]");
        }

        // then both are served in the EU
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(ChatClient.header(whole, "X-RegionGate-Region")).isEqualTo(EU);

        // and nothing of them, content or content hash, is anywhere on the US broker
        assertPinnedRequestsLeftNoContentInTheUs(Map.of(
                marker, ChatClient.header(whole, "X-Request-Id"),
                streamMarker, streamRequestId));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void leavesNoContentHashOfAPinnedEuRequestOnTheUsBrokerWhenTheEuFailsToServeIt() {
        // given the only upstream of the model, in the EU, fails
        int usUpstreamCallsBefore = deployment.calls(US_PRIMARY);

        // when the EU tenant's request for it arrives at the US runtime
        HttpResponse<String> answer = gatewayClient.post(deployment.uri(US, "/v1/chat/completions"), ACME_EU,
                chatRequest(FAILING_MODEL, marker, false));

        // then it fails closed with 503, without being served in the US
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        OpenAiErrorShape.assertError(answer.body(), OpenAiErrorShape.SERVER_ERROR, "region_unavailable", null);
        assertThat(deployment.calls(US_PRIMARY)).as("us-primary calls").isEqualTo(usUpstreamCallsBefore);

        // and nothing of it, content or content hash, is anywhere on the US broker
        assertPinnedRequestsLeftNoContentInTheUs(Map.of(marker, ChatClient.header(answer, "X-Request-Id")));
    }

    /**
     * For each marker → the request id the US runtime answered with: waits for the EU record that
     * carries the marker's prompt hash and for the US record of the forward, then reads every topic
     * of the US broker and requires that no record holds the marker or any content hash of the EU
     * records.
     */
    private void assertPinnedRequestsLeftNoContentInTheUs(Map<String, String> requestIdByMarker) {
        List<String> forbidden = new ArrayList<>();
        for (Map.Entry<String, String> request : requestIdByMarker.entrySet()) {
            String promptHash = sha256(messagesOf(request.getKey()));
            JsonNode euRecord = awaitRecord(euBroker, EU_TOPIC, "prompt_sha256 " + promptHash,
                    record -> promptHash.equals(record.path("content").path("prompt_sha256").asText()));
            assertThat(euRecord.path("tenant").asText()).isEqualTo(ACME_EU.id());
            assertThat(euRecord.path("arrival_region").asText()).isEqualTo(EU);
            forbidden.add(request.getKey());
            forbidden.add(promptHash);
            euRecord.path("content").fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("_sha256")) {
                    forbidden.add(field.getValue().asText());
                }
            });
            // the US runtime's own record of the forward is there: the scan below reads what it wrote
            String requestId = request.getValue();
            JsonNode usRecord = awaitRecord(usBroker, US_TOPIC, "request_id " + requestId,
                    record -> requestId.equals(record.path("request_id").asText()));
            assertThat(usRecord.path("tenant").asText()).isEqualTo(ACME_EU.id());
        }
        assertNothingOnTheUsBrokerHolds(forbidden);
    }

    private static void assertNothingOnTheUsBrokerHolds(List<String> forbidden) {
        List<StoredRecord> everything = BrokerRecords.readAll(usBroker.bootstrapServers());
        assertThat(everything).as("records on the US broker").isNotEmpty();
        System.out.printf("[e2e] US broker: %d records on topics %s%n", everything.size(),
                BrokerRecords.topics(usBroker.bootstrapServers()));
        for (String text : forbidden) {
            assertThat(everything).as("records on the US broker holding %s", text)
                    .filteredOn(record -> record.contains(text)).isEmpty();
        }
    }

    private static JsonNode awaitRecord(KraftBroker broker, String topic, String what,
                                        java.util.function.Predicate<JsonNode> matches) {
        List<JsonNode> found = new ArrayList<>();
        Poll.require(RECORD_WITHIN, () -> {
            Optional<JsonNode> record = BrokerRecords.readTopic(broker.bootstrapServers(), topic).stream()
                    .map(StoredRecord::json).filter(matches).findFirst();
            record.ifPresent(found::add);
            return record.isPresent();
        }, () -> "no record with " + what + " on " + topic);
        return found.get(0);
    }

    /** The request's {@code messages} as compact JSON, as the audit record hashes them. */
    private static String messagesOf(String prompt) {
        return "[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
