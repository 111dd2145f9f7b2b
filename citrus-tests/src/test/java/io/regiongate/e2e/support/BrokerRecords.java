package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a Kafka broker holds, as it stands: every record of one topic, or of every topic (internal
 * ones such as {@code __consumer_offsets} included), from the start of each partition to its end,
 * read without a consumer group. For scenarios that search what a broker holds: a record by its
 * content, hundreds of records at once, or that something is nowhere on it. A scenario that
 * receives the records its own requests produced, one by one, uses a Citrus Kafka endpoint
 * ({@link Deployment#auditTopic()}).
 */
public final class BrokerRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_WITHIN = Duration.ofSeconds(30);

    /** One record: where it lies, and its key, value and headers as text (bytes read as UTF-8). */
    public record StoredRecord(String topic, int partition, long offset, String key, String value, String headers) {

        public boolean contains(String text) {
            return (key != null && key.contains(text)) || (value != null && value.contains(text)) || headers.contains(text);
        }

        /** The value as JSON (an audit record). */
        public JsonNode json() {
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " key=" + key + " headers=" + headers + " value=" + value;
        }
    }

    private BrokerRecords() {
    }

    /** The names of all topics on the broker, internal ones included. */
    public static Set<String> topics(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + bootstrapServers, e);
        }
    }

    /** Every record of every topic on the broker. */
    public static List<StoredRecord> readAll(String bootstrapServers) {
        return read(bootstrapServers, topics(bootstrapServers));
    }

    /**
     * Every record of one topic, in partition order, as far as it can be read now: empty when the
     * topic does not exist yet, what was read so far when the broker stops answering (a poll
     * asks again).
     */
    public static List<StoredRecord> readTopic(String bootstrapServers, String topic) {
        List<StoredRecord> records = new ArrayList<>();
        try {
            read(bootstrapServers, List.of(topic), records);
        } catch (KafkaException e) {
            return records;
        }
        return records;
    }

    /** How many records each request id has (the audit records' {@code request_id}). */
    public static Map<String, Long> countByRequestId(List<StoredRecord> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.json().path("request_id").asText(), Collectors.counting()));
    }

    private static List<StoredRecord> read(String bootstrapServers, Collection<String> topics) {
        List<StoredRecord> records = new ArrayList<>();
        read(bootstrapServers, topics, records);
        return records;
    }

    private static void read(String bootstrapServers, Collection<String> topics, List<StoredRecord> records) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "broker-records-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        // internal topics are readable like any other when assigned explicitly
        properties.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_WITHIN.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("could not read " + topics + " of " + bootstrapServers
                            + " to the end within " + READ_WITHIN.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder headers = new StringBuilder();
                    for (Header header : record.headers()) {
                        headers.append(header.key()).append('=').append(text(header.value())).append(';');
                    }
                    records.add(new StoredRecord(record.topic(), record.partition(), record.offset(),
                            text(record.key()), text(record.value()), headers.toString()));
                }
            }
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
