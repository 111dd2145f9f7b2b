package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.AuditTopicReader;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trail never stalls behind a record the broker refuses for good. A record larger than the
 * producer's {@code max.request.size} (lowered here to 2 KiB; a tenant with a 3,000-character id
 * makes every one of its records that large, whatever the API accepts) is moved to the
 * region-local dead-letter file, logged at WARN with its request id and the reason, and named by
 * a {@code dead_letter} marker on the topic; the records after it are delivered, sent directly
 * and replayed from the spool alike. {@code audit verify} accounts for the dead-lettered seqs
 * (no gap), and with {@code --dead-letters} checks the refused records themselves.
 */
class AuditDeadLetterIT {

    private static final String TOPIC = Deployment.auditTopicName(EU);
    private static final String PROMPT = "dead-letter-prompt-" + UUID.randomUUID();
    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final TestTenant HUGE = new TestTenant("huge-" + "x".repeat(3000), "eu", "rg-test-huge-" + UUID.randomUUID());
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-dead-letter")
            .tenant(TENANT, "async", "hash")
            .tenant(HUGE, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "fine thanks")
            .auditToKafka()
            .jvmOptions("-Dregiongate.audit.kafka.max-request-size=2048");

    @Test
    void aRecordRefusedForGoodIsDeadLetteredNamedOnTheTrailAndTheRecordsBehindItAreDelivered() throws Exception {
        KraftBroker broker = deployment.broker();
        Path directory = deployment.journal().getParent();
        try (AuditTopicReader topic = AuditTopicReader.of(broker.bootstrapServers(), TOPIC)) {
            // given records sent directly, one of them too large for the broker
            String before = call(TENANT);
            String huge = call(HUGE);
            String after = call(TENANT);

            // then the ones around it are on the topic, and a marker names it
            Poll.require(Duration.ofSeconds(30), () -> topic.catchUp().requestIds().containsAll(List.of(before, after))
                            && markerOf(topic, huge) != null,
                    () -> "the records of " + before + " and " + after + " and a marker of " + huge + " on " + TOPIC);
            assertThat(topic.requestIds()).doesNotContain(huge);
            assertThat(markerOf(topic, huge).path("dead_letter").path("reason").asText())
                    .startsWith("RecordTooLargeException: ");

            // given records spooled while the broker is away, one of them too large
            broker.stop();
            String spooledBefore = call(TENANT);
            Poll.require(Duration.ofSeconds(30), () -> AuditFiles.spooledIds(directory).contains(spooledBefore),
                    () -> "the writer spooling");
            String spooledHuge = call(HUGE);
            String spooledAfter = call(TENANT);
            Poll.require(Duration.ofSeconds(10), () -> AuditFiles.spooledIds(directory)
                    .containsAll(List.of(spooledBefore, spooledHuge, spooledAfter)), () -> "three records spooled");

            // when the broker is back, the replay does not stall behind the huge one
            broker.restart();
            Poll.require(Duration.ofSeconds(60), () -> topic.catchUp().requestIds().containsAll(List.of(spooledBefore, spooledAfter))
                            && markerOf(topic, spooledHuge) != null && AuditFiles.spoolSegments(directory).isEmpty(),
                    () -> "the spooled records delivered around " + spooledHuge);
        }

        // and the dead-letter file holds both refused records, whole, with the reason
        List<JsonNode> deadLetters = AuditFiles.deadLetters(directory);
        assertThat(deadLetters).extracting(line -> line.path("record").path("request_id").asText()).hasSize(2);
        assertThat(deadLetters).allSatisfy(line -> {
            assertThat(line.path("reason").asText()).startsWith("RecordTooLargeException: ");
            assertThat(line.path("record").path("tenant").asText()).isEqualTo(HUGE.id());
        });
        // and each was logged at WARN with its request id and the reason, never the prompt
        assertThat(deployment.gateway().output())
                .containsPattern("WARN KafkaTrailWriter - audit record of request req_\\w+ \\(writer \\S+ seq \\d+\\) "
                        + "refused for good by the audit endpoint \\(RecordTooLargeException: ").doesNotContain(PROMPT);

        // and audit verify finds no gap: the markers account for the dead-lettered seqs, whose records check out
        GatewayProcess.CommandResult verify = GatewayProcess.runCommand(Duration.ofSeconds(60), "audit", "verify",
                "--kafka", broker.bootstrapServers(), "--topic", TOPIC,
                "--dead-letters", directory.resolve("dead-letter.jsonl").toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("0 gaps", "2 dead-lettered", "kept in dead-letter.jsonl:1",
                "kept in dead-letter.jsonl:2");
    }

    private static JsonNode markerOf(AuditTopicReader topic, String requestId) {
        return topic.events("dead_letter").stream()
                .filter(marker -> requestId.equals(marker.path("dead_letter").path("record_id").asText()))
                .findFirst().orElse(null);
    }

    /** One chat completion with this scenario's prompt; the request id of its 200. */
    private static String call(TestTenant tenant) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(deployment.uri("/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", tenant.bearer())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"" + PROMPT + "\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }
}
