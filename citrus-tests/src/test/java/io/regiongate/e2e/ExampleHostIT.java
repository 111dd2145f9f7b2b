package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1 of the embedding issue: the example host ({@code examples/order-enrichment}), an
 * estate's Camel Main application with no RegionGate main class, started as its own process: an
 * order on its input topic leads to an answer on its output topic, enriched through the
 * {@code regiongate-chat-action} Kamelet in its YAML route, and the record in the region's audit
 * trail has the request id the answer carries; the answer is also written to a file named by it.
 */
class ExampleHostIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String NAME = "example-host";
    private static final KraftBroker estateKafka = KraftBroker.at(GatewayProcess.directory(NAME + "-kafka"));
    private static final EstateKafka ESTATE = new EstateKafka(estateKafka);
    private static final Path JAR = Path.of(System.getProperty("example.jar",
            "../examples/order-enrichment/target/order-enrichment.jar")).toAbsolutePath();

    @RegisterExtension
    static final Deployment deployment = Deployment.hostApplication(NAME, JAR, Map.of(
                    "ORDERS_KAFKA", estateKafka.bootstrapServers(),
                    "ORDERS_REGIONGATE_KEY", ACME_EU.apiKey()))
            .dependency(estateKafka::start)
            .tenant(ACME_EU)
            .upstream(Upstream.openAi("eu-primary", EU), VendorReplies.answersWithPrompt("answer to "));

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anOrderOnTheInputTopicIsAnsweredOnTheOutputTopicWithTheRequestIdOfItsAuditRecord() throws Exception {
        ESTATE.send("orders", "order-4711: 3 blue chairs", null);

        ConsumerRecord<String, String> enriched = ESTATE.receiveOne("orders-enriched");
        assertThat(JSON.readTree(enriched.value()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("answer to note for the warehouse: order-4711: 3 blue chairs");
        String requestId = EstateKafka.header(enriched, "regiongate-request-id");
        assertThat(requestId).isNotBlank();
        Poll.require(Duration.ofSeconds(10), () -> AuditFiles.lines(deployment.journal()).stream()
                        .anyMatch(line -> requestId.equals(line.path("request_id").asText())
                                && ACME_EU.id().equals(line.path("tenant").asText())),
                () -> "no audit record of request " + requestId + " in " + deployment.journal());
        Path file = deployment.gateway().directory().resolve("enriched").resolve(requestId + ".json");
        Poll.require(Duration.ofSeconds(10), () -> Files.exists(file), () -> "no file " + file);
        assertThat(Files.readString(file)).isEqualTo(enriched.value());
    }
}
