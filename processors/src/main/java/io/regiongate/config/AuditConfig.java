package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Where audit records go: only this region's own endpoints, and the on-disk journal.
 *
 * @param journal the region-local directory of the journal (embedded default) and of the spool;
 *                null when not configured: then {@code data/audit/<region>} ({@link #directory})
 * @param maxBacklogBytes the most the spool may hold (records the endpoint has not taken yet) before
 *                the region reports itself not ready
 * @param chainKeyEnv the environment variable holding the region's audit chain secret: records are then
 *                chained with HMAC-SHA256 and content hashes are HMACs; null: plain SHA-256 (not evidence-grade)
 * @param signingKeyFile an Ed25519 private key (PEM, PKCS#8): the writer then signs a checkpoint every
 *                {@code checkpointEvery} records or {@code checkpointInterval}; null: no checkpoints
 * @param checkpointEvery records between two checkpoints at most ({@value #DEFAULT_CHECKPOINT_EVERY})
 * @param checkpointInterval time between two checkpoints at most (60 s), also when nothing was written
 */
public record AuditConfig(List<AuditEndpointConfig> endpoints, String journal,
                          @JsonProperty("max-backlog-bytes") Long maxBacklogBytes,
                          @JsonProperty("chain-key-env") String chainKeyEnv,
                          @JsonProperty("signing-key-file") String signingKeyFile,
                          @JsonProperty("checkpoint-every") Integer checkpointEvery,
                          @JsonProperty("checkpoint-interval") Duration checkpointInterval) {

    /** Records between two signed checkpoints at most, by default. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    /** Time between two signed checkpoints at most, by default. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

    /** 1 GiB: at about 1 KiB a record, a million records, or many minutes of a busy region's outage. */
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 1L << 30;

    /** The parent of the default journal directory: each region gets {@code data/audit/<region>}. */
    public static final String DEFAULT_JOURNAL_PARENT = "data/audit";

    public AuditConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        maxBacklogBytes = maxBacklogBytes == null ? DEFAULT_MAX_BACKLOG_BYTES : maxBacklogBytes;
        checkpointEvery = checkpointEvery == null ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery;
        checkpointInterval = checkpointInterval == null ? DEFAULT_CHECKPOINT_INTERVAL : checkpointInterval;
    }

    public AuditConfig(List<AuditEndpointConfig> endpoints, String journal, Long maxBacklogBytes) {
        this(endpoints, journal, maxBacklogBytes, null, null, null, null);
    }

    public AuditConfig(List<AuditEndpointConfig> endpoints, String journal) {
        this(endpoints, journal, null);
    }

    public static AuditConfig defaults() {
        return new AuditConfig(null, null);
    }

    /**
     * The directory this region's runtime keeps its journal or spool in: {@code audit.journal} when
     * set, else {@code data/audit/<region>}, so that runtimes of two regions started in one working
     * directory never share one (the directory is locked by the runtime that uses it).
     */
    public String directory(String region) {
        return journal != null ? journal : DEFAULT_JOURNAL_PARENT + "/" + region;
    }

    /** A Kafka audit endpoint, declared for exactly one region. */
    public record AuditEndpointConfig(String region, KafkaEndpoint kafka) {
    }

    public record KafkaEndpoint(
            @JsonProperty("bootstrap-servers") String bootstrapServers,
            String topic) {
    }
}
