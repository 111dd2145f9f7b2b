package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.AuditFiles;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.EstateKafka;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import io.regiongate.e2e.support.YamlRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kamelets shipped in the library, used from a host's routes in the YAML DSL: orders arrive on
 * the host's Kafka topic, a YAML route enriches each with an LLM answer through
 * {@code kamelet:regiongate-chat-action}, and the result goes to another topic and to a file named
 * by the request id, which is the id of the request's record in the region's audit trail
 * (scenario 1 of the embedding issue, with the host in this JVM). A second route takes requests
 * from {@code kamelet:regiongate-kafka-request-source}, the tenant's key in a record header.
 */
class KameletHostIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String EU_PRIMARY = "eu-primary";
    private static final String NAME = "kamelet-host";
    private static final KraftBroker hostKafka = KraftBroker.at(GatewayProcess.directory(NAME + "-kafka"));
    private static final EstateKafka ESTATE = new EstateKafka(hostKafka);
    private static final Path OUT = GatewayProcess.directory(NAME).resolve("enriched");

    private static final String HOST_ROUTES = """
            - route:
                id: orders-enrichment
                from:
                  uri: "kafka:orders"
                  parameters:
                    brokers: "%1$s"
                    groupId: "orders-enrichment"
                    autoOffsetReset: "earliest"
                  steps:
                    - setBody:
                        simple: '{"model":"gpt-4o","messages":[{"role":"user","content":"summarise ${body}"}]}'
                    - to:
                        uri: "kamelet:regiongate-chat-action"
                        parameters:
                          apiKey: "%2$s"
                    - to: "kafka:orders-enriched?brokers=%1$s"
                    - to: "file:%3$s?fileName=${header.CamelRegionGateRequestId}.json"
            - route:
                id: kafka-requests-through-kamelets
                from:
                  uri: "kamelet:regiongate-kafka-request-source"
                  parameters:
                    topic: "estate-requests"
                    bootstrapServers: "%1$s"
                  steps:
                    - to: "kamelet:regiongate-chat-action"
                    - to: "kafka:estate-answers?brokers=%1$s"
            """.formatted(hostKafka.bootstrapServers(), ACME_EU.apiKey(), OUT);

    @RegisterExtension
    static final Deployment deployment = Deployment.camelHost(NAME, YamlRoutes.of("estate.camel.yaml", HOST_ROUTES))
            .dependency(hostKafka::start)
            .tenant(ACME_EU)
            .upstream(Upstream.openAi(EU_PRIMARY, EU), VendorReplies.answersWithPrompt("answer to "));

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anOrderIsEnrichedThroughTheKameletToATopicAndAFileNamedByItsAuditRecordsRequestId() throws Exception {
        // an earlier run's file would be taken for this one's
        for (Path old : files(OUT)) {
            Files.delete(old);
        }
        ESTATE.send("orders", "order-4711: 3 blue chairs", null);

        ConsumerRecord<String, String> enriched = ESTATE.receiveOne("orders-enriched");
        assertThat(JSON.readTree(enriched.value()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("answer to summarise order-4711: 3 blue chairs");
        assertThat(enriched.headers().lastHeader("CamelRegionGateApiKey")).isNull();
        Poll.require(Duration.ofSeconds(10), () -> files(OUT).size() == 1, () -> "no enriched file in " + OUT);
        Path file = files(OUT).get(0);
        assertThat(Files.readString(file)).isEqualTo(enriched.value());
        String requestId = file.getFileName().toString().replace(".json", "");
        Poll.require(Duration.ofSeconds(10), () -> AuditFiles.lines(deployment.journal()).stream()
                        .anyMatch(line -> requestId.equals(line.path("request_id").asText())),
                () -> "no audit record of request " + requestId + " in " + deployment.journal());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aRequestFromTheKafkaSourceKameletIsAnsweredWithTheTenantsKeyFromItsRecordHeader() throws Exception {
        ESTATE.send("estate-requests", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}",
                ACME_EU.apiKey());

        ConsumerRecord<String, String> answer = ESTATE.receiveOne("estate-answers");
        assertThat(JSON.readTree(answer.value()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("answer to hello");
        assertThat(answer.headers().lastHeader("regiongate-api-key")).as("the key goes no further").isNull();
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
