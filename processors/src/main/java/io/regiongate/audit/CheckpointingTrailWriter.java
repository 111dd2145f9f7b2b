package io.regiongate.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trail writer that also hands on the signed checkpoints its chain owes ({@link AuditCheckpoints}):
 * after an entry when enough records were written since the last one, and from the flush timer
 * when the interval passed (so an idle writer still checkpoints); at a clean stop the last
 * checkpoint ({@link #finish}), after which it asks for no more.
 */
public final class CheckpointingTrailWriter implements AuditTrailWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointingTrailWriter.class);

    private final AuditTrailWriter delegate;
    private final AuditCheckpoints checkpoints;
    private final String region;
    private final Clock clock;
    private volatile boolean finished;

    public CheckpointingTrailWriter(AuditTrailWriter delegate, AuditCheckpoints checkpoints, String region, Clock clock) {
        this.delegate = delegate;
        this.checkpoints = checkpoints;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public String writer() {
        return delegate.writer();
    }

    @Override
    public CompletableFuture<Written> submit(AuditEntry entry, long covers, boolean durable) {
        CompletableFuture<Written> written = delegate.submit(entry, covers, durable);
        checkpointIfDue(false);
        return written;
    }

    @Override
    public CompletableFuture<Written> submitToDisk(AuditEntry entry, long covers, boolean durable) {
        CompletableFuture<Written> written = delegate.submitToDisk(entry, covers, durable);
        checkpointIfDue(true);
        return written;
    }

    /** Hands on a checkpoint now (e.g. the first one, at start), whether due or not. */
    public CompletableFuture<Written> checkpoint() {
        return delegate.submit(AuditEvent.checkpointRequest(region, clock.instant(), false), 0, false);
    }

    private void checkpointIfDue(boolean toDisk) {
        if (finished || !checkpoints.claim()) {
            return;
        }
        AuditEvent request = AuditEvent.checkpointRequest(region, clock.instant(), false);
        try {
            CompletableFuture<Written> written = toDisk ? delegate.submitToDisk(request, 0, false)
                    : delegate.submit(request, 0, false);
            written.whenComplete((outcome, failure) -> {
                if (failure != null) {
                    checkpoints.release();
                }
            });
        } catch (RuntimeException e) {
            checkpoints.release();
            LOG.warn("audit checkpoint could not be written: {}", e.toString());
        }
    }

    /**
     * The writer's last checkpoint, straight to disk (as a clean stop writes its last records),
     * so that the trail shows it ended here and was not cut.
     */
    public CompletableFuture<Written> finish() {
        finished = true;
        return delegate.submitToDisk(AuditEvent.checkpointRequest(region, clock.instant(), true), 0, true);
    }

    @Override
    public void flush() {
        checkpointIfDue(false);
        delegate.flush();
    }

    @Override
    public AuditTrailHealth health() {
        return delegate.health();
    }

    @Override
    public void drain(Duration within) {
        delegate.drain(within);
    }

    @Override
    public void close() {
        delegate.close();
    }

    public AuditTrailWriter delegate() {
        return delegate;
    }
}
