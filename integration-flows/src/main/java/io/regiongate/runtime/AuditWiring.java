package io.regiongate.runtime;

import io.regiongate.audit.AuditChain;
import io.regiongate.audit.AuditDirectoryLock;
import io.regiongate.audit.AuditJournal;
import io.regiongate.audit.AuditRecordFactory;
import io.regiongate.audit.AuditSpool;
import io.regiongate.config.AuditConfig;
import io.regiongate.config.GatewayConfig;
import io.regiongate.flow.answer.ResponseHeaders;
import io.regiongate.flow.audit.AuditChainProcessor;
import io.regiongate.flow.audit.AuditDeliveryOutcome;
import io.regiongate.flow.audit.AuditJournalProcessor;
import io.regiongate.flow.audit.AuditRecordProcessor;
import io.regiongate.flow.audit.AuditSpoolSteps;
import io.regiongate.flow.audit.AuditSyncOutcomeProcessor;
import io.regiongate.routes.AuditJournalWriterRoute;
import io.regiongate.routes.AuditKafkaWriterRoute;
import io.regiongate.routes.AuditPublishRoute;
import io.regiongate.routes.AuditReplayRoute;
import io.regiongate.routes.AuditRoute;
import io.regiongate.routes.Steps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.RoutesBuilder;

/**
 * The audit flow of one region, from its configuration: with an audit endpoint (this region's
 * Kafka, validated before this runs) records are published there and spooled to the journal
 * directory while the broker does not take them; without one they are appended to the journal.
 * Names this process's chain writer {@code <region>/<start time>-<random>}. Claims the audit
 * directory first: a second runtime on it refuses to start.
 */
final class AuditWiring implements AutoCloseable {

    static final String JOURNAL_FILE = "journal.jsonl";
    private static final DateTimeFormatter WRITER_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final List<RoutesBuilder> routes = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String writer;

    /** @throws AuditDirectoryLock.InUse when another runtime uses the audit directory */
    AuditWiring(GatewayConfig config, Clock clock) {
        AuditConfig audit = config.audit();
        Path directory = Path.of(audit.directory(config.region()));
        resources.add(AuditDirectoryLock.acquire(directory));
        writer = config.region() + "/" + WRITER_TIME.format(clock.instant()) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ResponseHeaders responseHeaders = new ResponseHeaders(config.region());
        beans.put(Steps.AUDIT_RECORD, new AuditRecordProcessor(new AuditRecordFactory(config.region(), clock)));
        beans.put(Steps.AUDIT_DELIVERY_OUTCOME, new AuditDeliveryOutcome());
        beans.put(Steps.AUDIT_SYNC_OUTCOME, new AuditSyncOutcomeProcessor(responseHeaders));
        beans.put(Steps.AUDIT_CHAIN, new AuditChainProcessor(new AuditChain(writer)));
        routes.add(new AuditRoute());
        if (audit.endpoints().isEmpty()) {
            AuditJournal journal = new AuditJournal(directory.resolve(JOURNAL_FILE));
            resources.add(journal);
            beans.put(Steps.AUDIT_JOURNAL, new AuditJournalProcessor(journal));
            routes.add(new AuditJournalWriterRoute());
        } else {
            AuditConfig.KafkaEndpoint kafka = audit.endpoints().get(0).kafka();
            AuditSpool spool = new AuditSpool(directory);
            resources.add(spool);
            AuditSpoolSteps steps = new AuditSpoolSteps(spool, clock);
            beans.put(Steps.AUDIT_SPOOL_STATE, steps);
            beans.put(Steps.AUDIT_SPOOL, steps.spool());
            beans.put(Steps.AUDIT_REPLAY_PREPARE, steps.prepare());
            beans.put(Steps.AUDIT_REPLAY_DELIVERED, steps.delivered());
            beans.put(Steps.AUDIT_REPLAY_FAILED, steps.replayFailed());
            routes.add(new AuditKafkaWriterRoute());
            routes.add(new AuditPublishRoute());
            routes.add(new AuditReplayRoute());
            properties.put("regiongate.audit.kafka.topic", kafka.topic());
            properties.put("regiongate.audit.kafka.bootstrap-servers", kafka.bootstrapServers());
        }
    }

    String writer() {
        return writer;
    }

    Map<String, Object> beans() {
        return beans;
    }

    List<RoutesBuilder> routes() {
        return routes;
    }

    /** Camel properties the audit routes read, beside the defaults in {@code application.properties}. */
    Map<String, String> properties() {
        return properties;
    }

    @Override
    public void close() {
        // the lock (first) last
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing a journal only releases its file handle
            }
        }
    }
}
