package io.regiongate.flow.audit;

import io.regiongate.audit.AuditJournal;
import io.regiongate.audit.AuditJson;
import io.regiongate.audit.AuditSpool;
import io.regiongate.flow.ExchangeKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the Kafka audit writer that keep records the broker did not take, and hand them
 * over later in order. All of them run on the writer's single thread, except {@link #claimReplay()},
 * which the replay timer asks.
 * <ul>
 *   <li>{@link #pending()}: while anything is spooled, new records are spooled behind it;</li>
 *   <li>{@link #spool()}: appends the record (forced to disk), after a failed send or behind pending ones;</li>
 *   <li>{@link #nextBatch}: the oldest spooled records, unless the last replay failed moments ago;</li>
 *   <li>{@link #prepare()} / {@link #delivered()}: make one spooled record the message, then move past it;</li>
 *   <li>{@link #replayFailed()}: remembers when, so that a broker still down is not asked again at once.</li>
 * </ul>
 */
public final class AuditSpoolSteps {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSpoolSteps.class);
    private final AuditSpool spool;
    private final Clock clock;
    private final AtomicBoolean replayQueued = new AtomicBoolean();
    private volatile boolean pending;
    private volatile Instant lastFailure = Instant.MIN;
    private boolean reportedDown;

    public AuditSpoolSteps(AuditSpool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
        this.pending = spool.hasPending();
        if (pending) {
            LOG.info("audit spool holds records from before; they are delivered first");
        }
    }

    /** Predicate bean method: records are waiting in the spool. */
    public boolean pending() {
        return pending;
    }

    /**
     * Asked by the replay timer: true (and a replay is then queued to the writer) when records wait
     * and no replay is queued yet, so that replays never pile up behind a stalled broker.
     */
    public boolean claimReplay() {
        return pending && replayQueued.compareAndSet(false, true);
    }

    public Processor spool() {
        return exchange -> {
            String json = exchange.getMessage().getMandatoryBody(String.class);
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (failure != null && !reportedDown) {
                reportedDown = true;
                LOG.warn("audit endpoint unreachable ({}); spooling records to {} until it is back",
                        rootMessage(failure), spool);
            }
            if (failure != null) {
                lastFailure = clock.instant();
            }
            spool.append(json);
            pending = true;
        };
    }

    /**
     * Bean method the replay route calls: the oldest spooled records, at most {@code batchSize};
     * none while a replay failed less than {@code retryAfterMillis} ago.
     */
    public List<AuditJournal.Entry> nextBatch(int batchSize, long retryAfterMillis) throws IOException {
        replayQueued.set(false);
        if (clock.instant().isBefore(lastFailure.plus(Duration.ofMillis(retryAfterMillis)))) {
            return List.of();
        }
        return spool.next(batchSize);
    }

    public Processor prepare() {
        return exchange -> {
            AuditJournal.Entry entry = exchange.getMessage().getMandatoryBody(AuditJournal.Entry.class);
            exchange.setProperty(ExchangeKeys.SPOOL_ENTRY, entry);
            Message message = exchange.getMessage();
            message.removeHeaders("*");
            var record = AuditJson.parse(entry.json());
            message.setHeader(AuditChainProcessor.KAFKA_KEY, record.path("chain").path("writer").asText());
            message.setHeader(AuditChainProcessor.REQUEST_ID_HEADER, record.path("request_id").asText());
            message.setBody(entry.json());
        };
    }

    public Processor delivered() {
        return exchange -> {
            spool.delivered(exchange.getProperty(ExchangeKeys.SPOOL_ENTRY, AuditJournal.Entry.class));
            boolean stillPending = spool.hasPending();
            if (!stillPending && reportedDown) {
                reportedDown = false;
                LOG.info("audit endpoint is back; every spooled record was delivered");
            }
            pending = stillPending;
        };
    }

    public Processor replayFailed() {
        return exchange -> {
            lastFailure = clock.instant();
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            LOG.debug("audit replay failed: {}", failure == null ? "?" : rootMessage(failure));
        };
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
