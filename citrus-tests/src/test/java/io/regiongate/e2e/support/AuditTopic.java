package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole audit topic as it stands, from its start to its end, without a consumer group. */
public final class AuditTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditTopic() {
    }

    /** Every record on the topic, in partition order; empty when the topic does not exist yet. */
    public static List<JsonNode> readAll(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-topic-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        List<JsonNode> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(JSON.readTree(record.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            return records;
        }
        return records;
    }

    /** How many records each request id has on the topic. */
    public static Map<String, Long> countByRequestId(List<JsonNode> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.path("request_id").asText(), Collectors.counting()));
    }

    public static Map<String, JsonNode> byRequestId(List<JsonNode> records) {
        return records.stream().collect(Collectors.toMap(r -> r.path("request_id").asText(), Function.identity(),
                (first, duplicate) -> first));
    }
}
