package io.regiongate.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows an audit topic from its start, without a consumer group, reading on from where it
 * stopped each time it is asked: for scenarios that poll a topic of tens of thousands of records
 * until the ones they wait for are there.
 */
public final class AuditTopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Set<String> requestIds = new HashSet<>();
    private final Map<String, String> writerOfRequest = new HashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private long records;
    private boolean assigned;

    private AuditTopicReader(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-topic-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
    }

    public static AuditTopicReader of(String bootstrapServers, String topic) {
        return new AuditTopicReader(bootstrapServers, topic);
    }

    /** Reads what was added since the last call, up to the topic's end as it stands now. */
    public synchronized AuditTopicReader catchUp() {
        try {
            if (!assigned) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    return this;
                }
                List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                assigned = true;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    add(JSON.readTree(record.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // the broker is away or the topic not there yet: what was read so far stands
        }
        return this;
    }

    private void add(JsonNode record) {
        records++;
        if (record.hasNonNull("request_id")) {
            String id = record.path("request_id").asText();
            requestIds.add(id);
            writerOfRequest.put(id, record.path("chain").path("writer").asText());
        } else if (eventIds.add(record.path("event_id").asText())) {
            events.add(record);          // a copy delivered again is read once
        }
    }

    /** Records read so far, copies included. */
    public synchronized long records() {
        return records;
    }

    public synchronized Set<String> requestIds() {
        return Set.copyOf(requestIds);
    }

    /** The chain writer of the first record read for each request id. */
    public synchronized Map<String, String> writerOfRequest() {
        return Map.copyOf(writerOfRequest);
    }

    /** The trail's own records of a kind ({@code dead_letter}, {@code unclean_stop}, {@code refusals}), each once. */
    public synchronized List<JsonNode> events(String kind) {
        return events.stream().filter(event -> kind.equals(event.path("kind").asText())).toList();
    }

    /** The ids of {@code wanted} not read yet, at most {@code limit} of them. */
    public synchronized List<String> missing(java.util.Collection<String> wanted, int limit) {
        return wanted.stream().filter(id -> !requestIds.contains(id)).limit(limit).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
