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

    /**
     * A Kafka audit topic and how the runtime reaches its cluster.
     *
     * @param securityProtocol       {@code PLAINTEXT} (default), {@code SSL} or {@code SASL_SSL}
     * @param sasl                   the SASL mechanism and the environment variables of its credentials
     *                               ({@code SASL_SSL} only)
     * @param trustStore             the CAs the brokers' certificates must chain to: PEM, or PKCS#12
     *                               ({@code .p12}, {@code .pfx}) or JKS ({@code .jks}) with
     *                               {@code trustStorePasswordEnv}; none: the JVM's trust store
     * @param keyStore               this runtime's client certificate and key (brokers that require one):
     *                               PKCS#12 or JKS with {@code keyStorePasswordEnv}, or one PEM file holding
     *                               the PKCS#8 key and its certificate chain
     */
    public record KafkaEndpoint(
            @JsonProperty("bootstrap-servers") String bootstrapServers,
            String topic,
            @JsonProperty("security-protocol") KafkaSecurityProtocol securityProtocol,
            KafkaSasl sasl,
            @JsonProperty("trust-store") String trustStore,
            @JsonProperty("trust-store-password-env") String trustStorePasswordEnv,
            @JsonProperty("key-store") String keyStore,
            @JsonProperty("key-store-password-env") String keyStorePasswordEnv) {

        public KafkaEndpoint {
            securityProtocol = securityProtocol == null ? KafkaSecurityProtocol.PLAINTEXT : securityProtocol;
        }

        public KafkaEndpoint(String bootstrapServers, String topic) {
            this(bootstrapServers, topic, null, null, null, null, null, null);
        }
    }

    /** How a runtime speaks to its audit cluster. */
    public enum KafkaSecurityProtocol {
        PLAINTEXT, SSL, SASL_SSL;

        public boolean tls() {
            return this != PLAINTEXT;
        }
    }

    /** SASL over TLS: the mechanism, and the environment variables holding the user name and password. */
    public record KafkaSasl(
            KafkaSaslMechanism mechanism,
            @JsonProperty("username-env") String usernameEnv,
            @JsonProperty("password-env") String passwordEnv) {
    }

    public enum KafkaSaslMechanism {
        @JsonProperty("PLAIN") PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        @JsonProperty("SCRAM-SHA-256") SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        @JsonProperty("SCRAM-SHA-512") SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String word;
        private final String loginModule;

        KafkaSaslMechanism(String word, String loginModule) {
            this.word = word;
            this.loginModule = loginModule;
        }

        /** Kafka's name of the mechanism, e.g. {@code SCRAM-SHA-512}. */
        public String word() {
            return word;
        }

        /** The JAAS login module Kafka's clients use for it. */
        public String loginModule() {
            return loginModule;
        }
    }
}
