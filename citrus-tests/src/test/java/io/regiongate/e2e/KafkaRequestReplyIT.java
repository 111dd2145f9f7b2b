package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.KraftBroker;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2 of the embedding issue, against the standalone runtime: the US runtime's Kafka
 * request/reply entry takes 100 chat requests with correlation ids from its region's request topic
 * and answers each exactly once, on the reply topic, with its own answer and correlation id; an EU
 * tenant's request sent to the US request topic is answered with the residency refusal in OpenAI's
 * error shape and reaches no vendor; a repeated correlation id is marked as a repeat, not served
 * again.
 */
class KafkaRequestReplyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final String US_PRIMARY = "us-primary";
    private static final String REQUEST_TOPIC = "regiongate.requests." + US;
    private static final String REPLY_TOPIC = "regiongate.replies." + US;
    private static final int REQUESTS = 100;

    private static final KraftBroker usKafka = KraftBroker.at(GatewayProcess.directory("kafka-request-reply-kafka"));

    @RegisterExtension
    static final Deployment deployment = Deployment.named("kafka-request-reply")
            .runtime(US, US)
            .dependency(usKafka::start)
            .tenant(GLOBEX_US)
            .tenant(ACME_EU, "never")
            .upstream(Upstream.openAi(US_PRIMARY, US), VendorReplies.answersWithPrompt("echo: "))
            .jvmOptions("-Dregiongate.requests.kafka.topic=" + REQUEST_TOPIC,
                    "-Dregiongate.requests.kafka.region=" + US,
                    "-Dregiongate.requests.kafka.bootstrap-servers=" + usKafka.bootstrapServers(),
                    "-Dregiongate.requests.kafka.reply-topic=" + REPLY_TOPIC);

    private static String chatRequest(String prompt) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    private record Reply(String correlationId, String status, String requestId, boolean repeat, JsonNode body) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void answersEachRequestOnceInItsOwnReplyAndRefusesAnotherZonesTenant() throws Exception {
        try (KafkaProducer<String, String> requests = producer()) {
            for (int i = 0; i < REQUESTS; i++) {
                send(requests, "corr-" + i, GLOBEX_US, chatRequest("question " + i));
            }
            send(requests, "corr-eu", ACME_EU, chatRequest("an EU prompt"));
            requests.flush();
        }

        Map<String, List<Reply>> replies = readReplies(REQUESTS + 1);

        assertThat(replies).hasSize(REQUESTS + 1);
        for (int i = 0; i < REQUESTS; i++) {
            List<Reply> answers = replies.get("corr-" + i);
            assertThat(answers).as("replies to corr-%d", i).hasSize(1);
            Reply reply = answers.get(0);
            assertThat(reply.status()).isEqualTo("200");
            assertThat(reply.requestId()).isNotBlank();
            assertThat(reply.body().path("choices").path(0).path("message").path("content").asText())
                    .isEqualTo("echo: question " + i);
        }
        Reply refused = replies.get("corr-eu").get(0);
        assertThat(refused.status()).isEqualTo("503");
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("region_unavailable");
        assertThat(refused.body().path("error").path("type").asText()).isNotBlank();
        assertThat(deployment.calls(US_PRIMARY)).as("vendor calls: the EU prompt reached none").isEqualTo(REQUESTS);

        // a request whose correlation id was answered already is marked as a repeat, not served again
        try (KafkaProducer<String, String> requests = producer()) {
            send(requests, "corr-7", GLOBEX_US, chatRequest("question 7"));
        }
        Map<String, List<Reply>> withRepeat = readReplies(REQUESTS + 2);
        assertThat(withRepeat.get("corr-7")).hasSize(2);
        Reply repeat = withRepeat.get("corr-7").get(1);
        assertThat(repeat.repeat()).isTrue();
        assertThat(repeat.status()).isEqualTo("409");
        assertThat(repeat.body().path("error").path("code").asText()).isEqualTo("duplicate_request");
        assertThat(deployment.calls(US_PRIMARY)).isEqualTo(REQUESTS);
    }

    private static void send(KafkaProducer<String, String> producer, String correlationId, TestTenant tenant,
                             String body) {
        ProducerRecord<String, String> record = new ProducerRecord<>(REQUEST_TOPIC, correlationId, body);
        record.headers().add("regiongate-api-key", tenant.apiKey().getBytes(StandardCharsets.UTF_8));
        record.headers().add("regiongate-correlation-id", correlationId.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    /** Every reply on the reply topic, by correlation id in arrival order, once {@code expected} arrived. */
    private static Map<String, List<Reply>> readReplies(int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, usKafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "replies-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Reply> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(REPLY_TOPIC));
            Poll.require(Duration.ofSeconds(90), () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(reply(record));
                }
                return received.size() >= expected;
            }, () -> received.size() + " of " + expected + " replies arrived");
        }
        Map<String, List<Reply>> byCorrelation = new ConcurrentHashMap<>();
        received.forEach(reply -> byCorrelation.computeIfAbsent(reply.correlationId(), key -> new ArrayList<>()).add(reply));
        return byCorrelation;
    }

    private static Reply reply(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).as("the reply carries nothing of the request's headers").doesNotContainKey("regiongate-api-key");
        try {
            return new Reply(headers.get("regiongate-correlation-id"), headers.get("regiongate-status"),
                    headers.get("regiongate-request-id"), "true".equals(headers.get("regiongate-repeat")),
                    JSON.readTree(record.value()));
        } catch (IOException e) {
            throw new UncheckedIOException("a reply that is not JSON: " + record.value(), e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, usKafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }
}
