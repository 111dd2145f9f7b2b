package io.regiongate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * When a writer owes a signed checkpoint, and what it says: every {@code every} records or every
 * {@code interval} (also when nothing was written, so that a cut tail shows: see
 * {@link AuditTrailVerifier}), the chain signs a {@link AuditEvent.Checkpoint} over the digest of
 * the records it linked since the previous one. {@link AuditChain} feeds it each linked record
 * in chain order (under the writer's lock); {@link #claim} may be asked from any thread.
 */
public final class AuditCheckpoints {

    private final AuditSigningKey key;
    private final int every;
    private final Duration interval;
    private final Clock clock;
    private final MessageDigest digest = AuditJson.sha256();
    private long firstSeq = 1;
    private long count;
    /** When the last checkpoint was signed; null until the first, which is due at once. */
    private Instant lastAt;
    private boolean claimed;

    public AuditCheckpoints(AuditSigningKey key, int every, Duration interval, Clock clock) {
        if (every < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a checkpoint needs every >= 1 and a positive interval");
        }
        this.key = key;
        this.every = every;
        this.interval = interval;
        this.clock = clock;
    }

    public AuditSigningKey key() {
        return key;
    }

    /** A record was linked: its whole canonical form (its hash included) joins the next checkpoint's digest. */
    synchronized void observe(String wholeCanonical) {
        digest.update((AuditJson.sha256Hex(wholeCanonical) + "\n").getBytes(StandardCharsets.US_ASCII));
        count++;
    }

    /**
     * True once when a checkpoint is due (enough records, the interval passed, or none was signed
     * yet) and none is on its way: the caller then submits {@link AuditEvent#checkpointRequest}.
     */
    public synchronized boolean claim() {
        if (claimed || (count < every && lastAt != null && clock.instant().isBefore(lastAt.plus(interval)))) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** A claimed checkpoint could not be submitted: the next {@link #claim} may try again. */
    public synchronized void release() {
        claimed = false;
    }

    /** Fills in and signs a requested checkpoint covering the records linked since the previous one. */
    synchronized AuditEvent sign(AuditEvent request, String writer, long lastSeq, String lastHash) {
        AuditEvent.Checkpoint unsigned = new AuditEvent.Checkpoint(writer, firstSeq, lastSeq, lastHash, count,
                HexFormat.of().formatHex(digest.digest()), every, interval.toSeconds(), request.checkpoint().last(),
                key.keyId(), null);
        AuditEvent event = request.withCheckpoint(unsigned).withChain(null);
        String signature = key.sign(AuditJson.jcs(AuditJson.toTree(event)));
        firstSeq = lastSeq + 1;
        count = 0;
        lastAt = clock.instant();
        claimed = false;
        return event.withCheckpoint(unsigned.withSignature(signature));
    }
}
