package io.regiongate.runtime;

import io.regiongate.audit.AuditChain;
import io.regiongate.audit.AuditChainKey;
import io.regiongate.audit.AuditCheckpoints;
import io.regiongate.audit.AuditSigningKey;
import io.regiongate.audit.CheckpointingTrailWriter;
import io.regiongate.audit.AuditDeadLetters;
import io.regiongate.audit.AuditDirectoryLock;
import io.regiongate.audit.AuditEvent;
import io.regiongate.audit.AuditJournal;
import io.regiongate.audit.AuditRecord;
import io.regiongate.audit.AuditRecordFactory;
import io.regiongate.audit.AuditSpool;
import io.regiongate.audit.AuditTrailHealth;
import io.regiongate.audit.AuditTrailWriter;
import io.regiongate.audit.AuditWriterState;
import io.regiongate.audit.JournalTrailWriter;
import io.regiongate.audit.KafkaTrailWriter;
import io.regiongate.audit.RefusalTally;
import io.regiongate.config.AuditConfig;
import io.regiongate.config.GatewayConfig;
import io.regiongate.flow.answer.ResponseHeaders;
import io.regiongate.flow.audit.AuditAdminReadProcessor;
import io.regiongate.flow.audit.AuditBeginProcessor;
import io.regiongate.flow.audit.AuditCountRefusalProcessor;
import io.regiongate.flow.audit.AuditHousekeeping;
import io.regiongate.flow.audit.AuditOverflowProcessor;
import io.regiongate.flow.audit.AuditRecordProcessor;
import io.regiongate.flow.audit.AuditRefusalsSummaryProcessor;
import io.regiongate.flow.audit.AuditSyncOutcomeProcessor;
import io.regiongate.flow.audit.AuditSyncWriteProcessor;
import io.regiongate.flow.audit.AuditWriteProcessor;
import io.regiongate.flow.audit.CamelAuditSender;
import io.regiongate.residency.ResidencyPolicy;
import io.regiongate.routes.AuditFlushRoute;
import io.regiongate.routes.AuditHandoffRoute;
import io.regiongate.routes.AuditPublishRoute;
import io.regiongate.routes.AuditRefusalsRoute;
import io.regiongate.routes.AuditReplayRoute;
import io.regiongate.routes.AuditRoute;
import io.regiongate.routes.AuditWriterRoute;
import io.regiongate.routes.Endpoints;
import io.regiongate.routes.Steps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit flow of one region, from its configuration. Claims the region's audit directory
 * (a second runtime on it refuses to start), reads the writer state the previous runtime left
 * there and continues its chain; after an unclean stop it first writes an {@code unclean_stop}
 * record saying how many requests were left without one. With an audit endpoint (this region's
 * Kafka, validated before this runs) records are published there, spooled while the broker does
 * not take them and dead-lettered when it refuses them for good; without one they are appended to
 * the journal. Names this process's chain writer {@code <region>/<start time>-<random>}.
 */
final class AuditWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWiring.class);

    static final String JOURNAL_FILE = "journal.jsonl";
    /** How long a shutdown waits for the runtime to stop before it closes the audit writer itself. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(25);
    private static final DateTimeFormatter WRITER_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final List<RoutesBuilder> routes = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final AuditDirectoryLock lock;
    private final AuditWriterState state;
    private final RefusalTally refusals;
    private final AuditTrailWriter trail;
    /** The trail as it signs checkpoints; null without {@code audit.signing-key-file}. */
    private final CheckpointingTrailWriter checkpointing;
    private final AuditChainKey chainKey;
    private final ExecutorService sendThread;
    private final Duration drainWithin;
    private final Path directory;
    private final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * @param camel the runtime's Camel context, once it exists (the Kafka sender resolves it on first use)
     * @throws AuditDirectoryLock.InUse when another runtime uses the audit directory
     */
    AuditWiring(GatewayConfig config, Clock clock, AuditTuning tuning, Supplier<CamelContext> camel,
                java.util.function.Function<String, String> environment) {
        AuditConfig audit = config.audit();
        String region = config.region();
        directory = Path.of(audit.directory(region));
        drainWithin = tuning.deliveryTimeout().plusSeconds(2);
        lock = AuditDirectoryLock.acquire(directory);
        AuditWriterState opened = null;
        ExecutorService sender = null;
        try {
            opened = AuditWriterState.open(directory);
            state = opened;
            String writer = region + "/" + WRITER_TIME.format(clock.instant()) + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Optional<AuditRecord.ChainLink> previous = state.lastWritten();
            chainKey = audit.chainKeyEnv() == null ? null : AuditChainKey.of(environment.apply(audit.chainKeyEnv()));
            AuditCheckpoints checkpoints = audit.signingKeyFile() == null ? null
                    : new AuditCheckpoints(AuditSigningKey.load(Path.of(audit.signingKeyFile())), audit.checkpointEvery(),
                            audit.checkpointInterval(), clock);
            logChainKeys(audit, checkpoints);
            AuditChain chain = new AuditChain(writer, previous.orElse(null), chainKey, checkpoints);
            AuditTrailWriter destination;
            if (audit.endpoints().isEmpty()) {
                destination = new JournalTrailWriter(chain, new AuditJournal(directory.resolve(JOURNAL_FILE)), state);
            } else {
                AuditConfig.KafkaEndpoint kafka = audit.endpoints().get(0).kafka();
                sender = Executors.newSingleThreadExecutor(DaemonThreads.named("regiongate-audit-send"));
                KafkaTrailWriter kafkaTrail = new KafkaTrailWriter(region, chain,
                        new AuditSpool(directory, tuning.segmentBytes()), new AuditDeadLetters(directory), state,
                        new CamelAuditSender(camel, Endpoints.AUDIT_PUBLISH), sender,
                        new KafkaTrailWriter.Settings(tuning.sendWindow(), tuning.replayBatch(), tuning.replayRetry()),
                        clock);
                destination = kafkaTrail;
                beans.put(Steps.AUDIT_REPLAY, AuditHousekeeping.replay(kafkaTrail));
                routes.add(new AuditPublishRoute());
                routes.add(new AuditReplayRoute());
                properties.put("regiongate.audit.kafka.topic", kafka.topic());
                properties.put("regiongate.audit.kafka.bootstrap-servers", kafka.bootstrapServers());
            }
            sendThread = sender;
            checkpointing = checkpoints == null ? null
                    : new CheckpointingTrailWriter(destination, checkpoints, region, clock);
            trail = checkpointing == null ? destination : checkpointing;
            if (!state.cleanlyStopped()) {
                recordUncleanStop(region, clock, previous);
            }
            // the first checkpoint follows on the first flush tick (or record), once the routes run
            state.resetCounters();
            state.markRunning();
            LOG.info("audit trail of {}: writer {}, directory {}, {}", region, writer, directory,
                    previous.map(link -> "continuing writer " + link.writer() + " after seq " + link.seq())
                            .orElse("a new chain"));
        } catch (RuntimeException e) {
            if (sender != null) {
                sender.shutdownNow();
            }
            if (opened != null) {
                opened.close();
            }
            lock.close();
            throw e;
        }
        refusals = new RefusalTally(region, clock);
        ResponseHeaders responseHeaders = new ResponseHeaders(region);
        beans.put(Steps.AUDIT_BEGIN, new AuditBeginProcessor(state));
        beans.put(Steps.AUDIT_RECORD, new AuditRecordProcessor(new AuditRecordFactory(region, clock,
                new ResidencyPolicy(config), chainKey)));
        beans.put(Steps.AUDIT_COUNT_REFUSAL, new AuditCountRefusalProcessor(refusals, state));
        beans.put(Steps.AUDIT_WRITE_SYNC, new AuditSyncWriteProcessor(trail, tuning.syncTimeout()));
        beans.put(Steps.AUDIT_SYNC_OUTCOME, new AuditSyncOutcomeProcessor(responseHeaders));
        beans.put(Steps.AUDIT_WRITE, new AuditWriteProcessor(trail));
        beans.put(Steps.AUDIT_OVERFLOW, new AuditOverflowProcessor(trail));
        beans.put(Steps.AUDIT_FLUSH, AuditHousekeeping.flush(trail));
        beans.put(Steps.AUDIT_REFUSALS_SUMMARY, new AuditRefusalsSummaryProcessor(refusals, state));
        beans.put(Steps.AUDIT_ADMIN_READ, new AuditAdminReadProcessor(region, clock));
        routes.add(new AuditRoute());
        routes.add(new AuditHandoffRoute());
        routes.add(new AuditWriterRoute());
        routes.add(new AuditFlushRoute());
        routes.add(new AuditRefusalsRoute());
        // On SIGTERM the JVM runs its shutdown hooks and halts when they are done, which may be
        // before the main thread (that stops Camel, then closes this) gets here: this hook holds
        // the JVM until close() ran, from the main thread or, failing that, from here.
        shutdownHook = new Thread(this::closeAtShutdown, "regiongate-audit-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Says at start how the chain is protected, and prints the checkpoints' public key for auditors. */
    private void logChainKeys(AuditConfig audit, AuditCheckpoints checkpoints) {
        if (chainKey == null) {
            LOG.warn("audit chain of this region: plain SHA-256 (audit.chain-key-env is not set): anyone who can write "
                    + "the trail can rewrite it undetected; not evidence-grade");
        } else {
            LOG.info("audit chain of this region: HMAC-SHA256 under the secret in {} (key id {})", audit.chainKeyEnv(),
                    chainKey.keyId());
        }
        if (checkpoints == null) {
            LOG.info("audit checkpoints: none (audit.signing-key-file is not set)");
        } else {
            LOG.info("audit checkpoints: every {} records or {} s, signed with Ed25519 key {} from {}; its public key "
                            + "(give it to auditors: audit verify --public-key FILE):\n{}", audit.checkpointEvery(),
                    audit.checkpointInterval().toSeconds(), checkpoints.key().keyId(), audit.signingKeyFile(),
                    checkpoints.key().publicKeyPem().strip());
        }
    }

    /** The trail writer's health, for readiness and the metrics. */
    AuditTrailHealth health() {
        return trail.health();
    }

    private void closeAtShutdown() {
        try {
            if (!closedLatch.await(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("audit directory {}: the runtime did not stop within {} s; closing the audit writer now",
                        directory, SHUTDOWN_WAIT.toSeconds());
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The previous runtime did not stop cleanly: the new writer's first record says what was lost. */
    private void recordUncleanStop(String region, Clock clock, Optional<AuditRecord.ChainLink> previous) {
        long withoutRecord = Math.max(0, state.unaccounted());
        long notSummarised = Math.max(0, Math.min(withoutRecord, state.refusalsNotSummarised()));
        LOG.warn("audit directory {}: the previous runtime did not stop cleanly; {} request(s) begun under it have "
                        + "no record ({} of them refused before a tenant was known); recorded as an unclean_stop record",
                directory, withoutRecord, notSummarised);
        AuditEvent event = AuditEvent.uncleanStop(region, clock.instant(), new AuditEvent.UncleanStop(
                previous.map(AuditRecord.ChainLink::writer).orElse(null),
                previous.map(AuditRecord.ChainLink::seq).orElse(null), withoutRecord, notSummarised));
        trail.submitToDisk(event, 0, true).join();
    }

    String writer() {
        return trail.writer();
    }

    Map<String, Object> beans() {
        return beans;
    }

    List<RoutesBuilder> routes() {
        return routes;
    }

    /** Camel properties the audit routes read, beside the defaults in {@code regiongate-defaults.properties}. */
    Map<String, String> properties() {
        return properties;
    }

    /**
     * After the Camel routes stopped: settles what is still on its way, writes the last refusal
     * summary to disk, and marks the directory cleanly stopped when every begun request has its
     * record (else the next start records the loss). Then releases the directory.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            trail.drain(drainWithin);
            AuditEvent summary = refusals.summary();
            if (summary != null) {
                state.refusalsSummarised(summary.refusals().total());
                trail.submitToDisk(summary, summary.refusals().total(), true).join();
            }
            if (checkpointing != null) {
                checkpointing.finish().join();
            }
            trail.flush();
            long withoutRecord = state.unaccounted();
            if (withoutRecord == 0) {
                state.markCleanStop();
            } else {
                LOG.warn("audit directory {}: stopping with {} request(s) whose record was not written; the next start "
                        + "records the loss", directory, withoutRecord);
            }
            if ((checkpointing == null ? trail : checkpointing.delegate()) instanceof KafkaTrailWriter kafka) {
                LOG.info("audit writer {} stopped: {}", trail.writer(), kafka.counts());
            }
        } catch (RuntimeException e) {
            LOG.warn("audit directory {}: stopping the writer failed ({}); the next start records any loss", directory,
                    e.toString());
        } finally {
            trail.close();
            if (sendThread != null) {
                sendThread.shutdownNow();
            }
            state.close();
            lock.close();
            closedLatch.countDown();
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook sees the latch and returns
                }
            }
        }
    }
}
