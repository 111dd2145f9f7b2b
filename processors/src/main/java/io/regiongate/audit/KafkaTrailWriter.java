package io.regiongate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail on this region's Kafka topic, with the on-disk spool while the broker does not
 * take records and a dead-letter file for records it refuses for good. Entries are linked into the
 * chain and handed on in one order under one lock; they leave for the broker from one send thread
 * in that order (the idempotent producer keeps it per partition, and one writer's records share a
 * partition).
 *
 * <p><b>Direct.</b> While nothing is spooled, records are sent pipelined: up to {@code window}
 * wait for their acknowledgement at once (a submitter waits for room, bounded by the producer's
 * delivery timeout). Outcomes are settled strictly in chain order: acknowledged → written;
 * refused for good ({@link AuditDeliveryFailures}) → dead-letter file, logged at WARN with its
 * request id and the reason, and a {@code dead_letter} marker appended behind it; any other failure
 * → the record, and every record after it whatever its own outcome, goes to the spool, so that the
 * last copy of every record on the topic stays in chain order even when a later one got through.
 *
 * <p><b>Spooling.</b> Once anything is spooled (a failure, a dead-letter marker, a record whose
 * queue was full), new records are appended behind it, and {@link #replay} (the replay timer)
 * sends the spool's records pipelined the same way, in batches, moving the spool's cursor past
 * each delivered one and committing it once per batch; a record refused for good is dead-lettered
 * and skipped, so nothing stalls behind it; a failure ends the batch (the next replay starts with a
 * single record, and offers the rest only once that one got through).
 *
 * <p><b>Hand-over.</b> Once the rest of the spool fits in the window, the replay does not wait for
 * it to be acknowledged: those records join the live path at its head and the writer sends directly
 * again at once, new records behind them. Waiting for an empty spool would chase its tail under a
 * steady flow of new records, each batch's round trip letting the next few arrive behind it. A
 * handed-over record is settled like a live one, in chain order, except that it is already in the
 * spool: acknowledged, the cursor moves past it (committed at the next replay tick); failed, it
 * stays where it is and the records behind it are appended after it.
 *
 * <p>Durability: a spooled record is written at once (it survives a kill of the process) and
 * forced to disk before a {@code durable} ({@code sync}) submitter is told, otherwise within the
 * flush interval ({@link #flush}). The force runs outside the writer's lock and the spool's, and
 * one force serves every durable record spooled while the previous one ran (group commit).
 */
public final class KafkaTrailWriter implements AuditTrailWriter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTrailWriter.class);
    private static final ObjectMapper HEALTH_JSON = new ObjectMapper();

    /**
     * @param window      records waiting for the broker's acknowledgement at most (direct and replay)
     * @param replayBatch spooled records one replay step offers (the cursor is committed after each)
     * @param retryAfter  after a failed replay, how long the next one waits
     */
    public record Settings(int window, int replayBatch, Duration retryAfter) {

        public Settings {
            if (window < 1 || replayBatch < 1) {
                throw new IllegalArgumentException("window and replay batch must be at least 1");
            }
        }
    }

    private enum State { SENDING, ACKED, FAILED, REFUSED, TO_SPOOL }

    /** A record of the live path, from link (or hand-over from the spool) to settlement. */
    private static final class Pending {
        final String json;
        final AuditJson.Routing routing;
        /** The record as linked by this process; null for one handed over from the spool. */
        final AuditChain.Linked linked;
        /** Where a handed-over record is in the spool; null for a new one. */
        final AuditSpool.Entry spooledAt;
        final long covers;
        final boolean durable;
        final CompletableFuture<Written> done = new CompletableFuture<>();
        /** Where it went in the spool ({@link AuditSpool#append}), once it did. */
        long spoolPosition;
        State state;
        String reason;
        boolean settled;

        Pending(AuditChain.Linked linked, long covers, boolean durable) {
            this.json = linked.json();
            this.routing = routing(linked);
            this.linked = linked;
            this.spooledAt = null;
            this.covers = covers;
            this.durable = durable;
        }

        Pending(AuditSpool.Entry spooledAt) throws IOException {
            this.json = spooledAt.json();
            this.routing = AuditJson.routingOf(spooledAt.json());
            this.linked = null;
            this.spooledAt = spooledAt;
            this.covers = 0;
            this.durable = false;
        }

        Identity identity() throws IOException {
            return linked != null ? Identity.of(linked) : Identity.of(json);
        }
    }

    /** What a dead-letter marker names of the record it stands for. */
    private record Identity(String writer, long seq, String hash, String id, boolean marker) {

        static Identity of(AuditChain.Linked linked) {
            AuditRecord.ChainLink link = linked.link();
            return new Identity(link.writer(), link.seq(), link.hash(), linked.id(), isMarker(linked.entry()));
        }

        static Identity of(String json) throws IOException {
            JsonNode record = AuditJson.parse(json);
            JsonNode link = record.path("chain");
            String id = record.hasNonNull("request_id") ? record.path("request_id").asText() : record.path("event_id").asText();
            return new Identity(link.path("writer").asText(), link.path("seq").asLong(), link.path("hash").asText(), id,
                    AuditEvent.DEAD_LETTER.equals(record.path("kind").asText(null)));
        }
    }

    /** A spooled record being replayed. */
    private static final class Replayed {
        final AuditSpool.Entry entry;
        State state = State.SENDING;
        String reason;

        Replayed(AuditSpool.Entry entry) {
            this.entry = entry;
        }
    }

    private final String region;
    private final AuditChain chain;
    private final AuditSpool spool;
    private final GroupCommit spoolCommits;
    private final AuditDeadLetters deadLetters;
    private final AuditWriterState state;
    private final AuditSender sender;
    private final Executor sendThread;
    private final Settings settings;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> live = new ArrayDeque<>();
    private int inFlight;
    private boolean spooling;
    private boolean redeliverTail;
    private boolean replaying;
    private boolean probe;
    private boolean reportedDown;
    private boolean draining;
    /** Handed-over records were delivered since the spool's cursor was last committed. */
    private boolean cursorMoved;
    private Instant lastFailure = Instant.MIN;
    /** Since when, and how many, spooled records have been delivered without a failure (for the drain rate). */
    private long drainStartedNanos = -1;
    private long drained;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean writeFailing;

    /**
     * @param sendThread runs the sends one after another, in the order given (one thread)
     */
    public KafkaTrailWriter(String region, AuditChain chain, AuditSpool spool, AuditDeadLetters deadLetters,
                            AuditWriterState state, AuditSender sender, Executor sendThread, Settings settings,
                            Clock clock) {
        this.region = region;
        this.chain = chain;
        this.spool = spool;
        this.spoolCommits = new GroupCommit(spool);
        this.deadLetters = deadLetters;
        this.state = state;
        this.sender = sender;
        this.sendThread = sendThread;
        this.settings = settings;
        this.clock = clock;
        this.spooling = spool.hasPending();
        if (spooling) {
            LOG.info("audit spool {} holds records from before; they are delivered first", spool);
        }
    }

    @Override
    public String writer() {
        return chain.writer();
    }

    @Override
    public CompletableFuture<Written> submit(AuditEntry entry, long covers, boolean durable) {
        return submit(entry, covers, durable, false);
    }

    @Override
    public CompletableFuture<Written> submitToDisk(AuditEntry entry, long covers, boolean durable) {
        return submit(entry, covers, durable, true);
    }

    private CompletableFuture<Written> submit(AuditEntry entry, long covers, boolean durable, boolean toDisk) {
        List<Runnable> after = new ArrayList<>();
        Pending pending;
        lock.lock();
        try {
            while (!toDisk && !spooling && !draining && inFlight >= settings.window()) {
                changed.awaitUninterruptibly();
            }
            pending = new Pending(chain.link(entry), covers, durable);
            live.addLast(pending);
            if (toDisk && !spooling) {
                spooling = true;
                changed.signalAll();     // a submitter waiting for room in the window spools now instead
                LOG.info("audit records go to the spool {} until it is delivered", spool);
            }
            if (spooling || draining) {
                pending.state = State.TO_SPOOL;
                settle(after);
            } else {
                pending.state = State.SENDING;
                inFlight++;
                send(pending, failure -> onLiveOutcome(pending, failure));
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        return pending.done;
    }

    private static AuditJson.Routing routing(AuditChain.Linked linked) {
        return new AuditJson.Routing(linked.link().writer(), linked.entry() instanceof AuditEvent, linked.id());
    }

    private void send(Pending pending, java.util.function.Consumer<Throwable> outcome) {
        send(pending.json, pending.routing, outcome);
    }

    /** Queues one send to the send thread; called under the lock, so sends leave in chain order. */
    private void send(String json, AuditJson.Routing routing, java.util.function.Consumer<Throwable> outcome) {
        sendThread.execute(() -> {
            try {
                sender.send(routing, json, outcome);
            } catch (RuntimeException e) {
                outcome.accept(e);
            }
        });
    }

    private void onLiveOutcome(Pending pending, Throwable failure) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            inFlight--;
            if (!pending.settled) {
                if (failure == null) {
                    pending.state = State.ACKED;
                } else {
                    AuditDeliveryFailures.Classified why = AuditDeliveryFailures.classify(failure);
                    pending.reason = why.reason();
                    if (why.refusedForGood()) {
                        pending.state = State.REFUSED;
                    } else {
                        pending.state = State.FAILED;
                        endpointDown(why.reason());
                    }
                }
                settle(after);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void endpointDown(String reason) {
        lastFailure = clock.instant();
        spooling = true;
        probe = true;
        if (!reportedDown) {
            reportedDown = true;
            LOG.warn("audit endpoint unreachable ({}); spooling records to {} until it is back", reason, spool);
        }
    }

    /** Settles the live records from the oldest on, as far as their outcomes are known. Under the lock. */
    private void settle(List<Runnable> after) {
        List<Pending> awaitingForce = new ArrayList<>();
        while (!live.isEmpty()) {
            Pending head = live.peekFirst();
            switch (head.state) {
                case SENDING -> {
                    finishSpooled(awaitingForce, after);
                    return;
                }
                case ACKED -> {
                    if (redeliverTail) {
                        toSpool(head, awaitingForce, after);
                    } else if (head.spooledAt != null) {
                        deliveredFromSpool(head);
                    } else {
                        state.written(head.linked.link());
                        state.accounted(head.covers);
                        delivered.incrementAndGet();
                        after.add(() -> head.done.complete(Written.DELIVERED));
                    }
                }
                case FAILED -> {
                    redeliverTail = true;
                    toSpool(head, awaitingForce, after);
                }
                case TO_SPOOL -> toSpool(head, awaitingForce, after);
                case REFUSED -> {
                    if (head.spooledAt != null && redeliverTail) {
                        toSpool(head, awaitingForce, after);    // dead-lettered by the replay that reaches it
                    } else {
                        deadLetter(head, after);
                    }
                }
                default -> throw new IllegalStateException(head.state.name());
            }
            head.settled = true;
            live.removeFirst();
        }
        redeliverTail = false;
        finishSpooled(awaitingForce, after);
        changed.signalAll();
    }

    private void toSpool(Pending pending, List<Pending> awaitingForce, List<Runnable> after) {
        if (pending.spooledAt != null) {
            spooling = true;        // still in the spool, ahead of everything appended after it
            return;
        }
        try {
            pending.spoolPosition = spool.append(pending.linked.json());
            writeFailing = false;
            spooling = true;
            state.written(pending.linked.link());
            state.accounted(pending.covers);
            spooled.incrementAndGet();
            if (pending.durable) {
                awaitingForce.add(pending);
            } else {
                after.add(() -> pending.done.complete(Written.SPOOLED));
            }
        } catch (IOException | RuntimeException e) {
            writeFailing = true;
            LOG.error("audit record {} (writer {} seq {}) could be neither delivered nor spooled to {}: {}",
                    pending.linked.id(), pending.linked.link().writer(), pending.linked.link().seq(), spool, e.toString());
            after.add(() -> pending.done.completeExceptionally(e));
        }
    }

    /**
     * The durable records just spooled are answered once a force covers them. The force runs after
     * the lock is released, shared with every record spooled meanwhile ({@link GroupCommit}), so
     * submitters do not queue behind one {@code fsync} each.
     */
    private void finishSpooled(List<Pending> awaitingForce, List<Runnable> after) {
        if (awaitingForce.isEmpty()) {
            return;
        }
        List<Pending> waiting = List.copyOf(awaitingForce);
        long upTo = waiting.get(waiting.size() - 1).spoolPosition;
        after.add(() -> answerOnceForced(waiting, upTo));
        awaitingForce.clear();
    }

    private void answerOnceForced(List<Pending> waiting, long upTo) {
        try {
            spoolCommits.awaitForced(upTo);
            waiting.forEach(pending -> pending.done.complete(Written.SPOOLED));
        } catch (IOException e) {
            LOG.error("audit spool {} could not be forced to disk: {}", spool, e.toString());
            waiting.forEach(pending -> pending.done.completeExceptionally(e));
        }
    }

    /** A handed-over record was acknowledged: the spool's cursor moves past it. Under the lock. */
    private void deliveredFromSpool(Pending pending) {
        spool.delivered(pending.spooledAt);
        cursorMoved = true;
        replayed.incrementAndGet();
    }

    /** A live record the endpoint refused for good: the dead-letter file, then a marker behind it. */
    private void deadLetter(Pending pending, List<Runnable> after) {
        Identity refused;
        try {
            refused = pending.identity();
            keep(pending.json, refused.writer(), refused.seq(), refused.id(), pending.reason);
            if (pending.spooledAt != null) {
                spool.delivered(pending.spooledAt);
                cursorMoved = true;
            } else {
                state.written(pending.linked.link());
                state.accounted(pending.covers);
            }
            after.add(() -> pending.done.complete(Written.DEAD_LETTERED));
        } catch (IOException | RuntimeException e) {
            LOG.error("audit record {} (writer {}) was refused by the endpoint ({}) and could not be kept in {}: {}",
                    pending.routing.id(), pending.routing.writer(), pending.reason, deadLetters.file(), e.toString());
            if (pending.spooledAt != null) {
                redeliverTail = true;       // it stays in the spool, and so does everything behind it
                spooling = true;
            }
            after.add(() -> pending.done.completeExceptionally(e));
            return;
        }
        if (refused.marker()) {
            return;
        }
        Pending marker = new Pending(chain.link(marker(refused.writer(), refused.seq(), refused.hash(), refused.id(),
                pending.reason)), 0, false);
        marker.state = State.TO_SPOOL;
        live.addLast(marker);
        spooling = true;
    }

    private void keep(String json, String writer, long seq, String id, String reason) throws IOException {
        long count = deadLetters.keep(json, reason, clock.instant());
        LOG.warn("audit record of request {} (writer {} seq {}) refused for good by the audit endpoint ({}); "
                + "moved to {} ({} this run), the trail moves on", id, writer, seq, reason, deadLetters.file(), count);
    }

    private AuditEvent marker(String writer, long seq, String hash, String id, String reason) {
        return AuditEvent.deadLetter(region, clock.instant(),
                new AuditEvent.DeadLetter(writer, seq, hash, id, reason, AuditDeadLetters.FILE));
    }

    private static boolean isMarker(AuditEntry entry) {
        return entry instanceof AuditEvent event && AuditEvent.DEAD_LETTER.equals(event.kind());
    }

    /**
     * Delivers spooled records, oldest first, batch after batch, until the spool is empty (the
     * writer then sends directly again), a delivery fails, or {@code stopping} says so.
     * Called by the replay timer; does nothing while the last failure is recent, while a replay runs,
     * or while records of the live path are still on their way.
     *
     * @return records delivered
     */
    public long replay(BooleanSupplier stopping) {
        lock.lock();
        try {
            commitHandedOver();
            if (replaying || !spooling || draining || !live.isEmpty()
                    || clock.instant().isBefore(lastFailure.plus(settings.retryAfter()))) {
                return 0;
            }
            replaying = true;
        } finally {
            lock.unlock();
        }
        long count = 0;
        try {
            while (!stopping.getAsBoolean()) {
                List<Replayed> batch = new ArrayList<>();
                lock.lock();
                try {
                    if (draining || !live.isEmpty()) {
                        return count;
                    }
                    List<AuditSpool.Entry> entries = spool.next(probe ? 1 : settings.replayBatch());
                    if (entries.isEmpty()) {
                        spool.commit();
                        spooling = false;
                        reportDrained(0);
                        return count;
                    }
                    if (!probe && entries.size() < settings.replayBatch() && entries.size() <= settings.window() - inFlight) {
                        handOver(entries);
                        return count + entries.size();
                    }
                    for (AuditSpool.Entry entry : entries) {
                        batch.add(new Replayed(entry));
                    }
                } finally {
                    lock.unlock();
                }
                long batchStarted = System.nanoTime();
                sendBatch(batch);
                long settled = settleBatch(batch, batchStarted);
                count += settled;
                if (settled < batch.size()) {
                    return count;
                }
            }
            return count;
        } catch (IOException | RuntimeException e) {
            LOG.error("audit replay from {} failed: {}", spool, e.toString());
            lock.lock();
            try {
                lastFailure = clock.instant();
            } finally {
                lock.unlock();
            }
            return count;
        } finally {
            lock.lock();
            try {
                replaying = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The rest of the spool (all of it fits in the window) joins the live path at its head, and the
     * writer sends directly again, new records behind it. Under the lock, with nothing live.
     */
    private void handOver(List<AuditSpool.Entry> entries) throws IOException {
        List<Pending> handedOver = new ArrayList<>();
        for (AuditSpool.Entry entry : entries) {
            handedOver.add(new Pending(entry));
        }
        for (Pending pending : handedOver) {
            pending.state = State.SENDING;
            live.addLast(pending);
            inFlight++;
            send(pending, failure -> onLiveOutcome(pending, failure));
        }
        spooling = false;
        reportDrained(handedOver.size());
        changed.signalAll();
    }

    /** Writes the spool's cursor once handed-over records were delivered (and deletes delivered segments). Under the lock. */
    private void commitHandedOver() {
        if (!cursorMoved) {
            return;
        }
        try {
            spool.commit();
            cursorMoved = false;
        } catch (IOException e) {
            LOG.error("audit spool {}: the cursor could not be committed: {}", spool, e.toString());
        }
    }

    private void sendBatch(List<Replayed> batch) throws IOException {
        for (Replayed item : batch) {
            AuditJson.Routing routing = AuditJson.routingOf(item.entry.json());
            lock.lock();
            try {
                while (inFlight >= settings.window()) {
                    changed.awaitUninterruptibly();
                }
                inFlight++;
                send(item.entry.json(), routing, failure -> onReplayOutcome(item, failure));
            } finally {
                lock.unlock();
            }
        }
    }

    private void onReplayOutcome(Replayed item, Throwable failure) {
        lock.lock();
        try {
            inFlight--;
            if (failure == null) {
                item.state = State.ACKED;
            } else {
                AuditDeliveryFailures.Classified why = AuditDeliveryFailures.classify(failure);
                item.reason = why.reason();
                item.state = why.refusedForGood() ? State.REFUSED : State.FAILED;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the batch's outcomes and moves the cursor past the delivered prefix. @return records settled */
    private long settleBatch(List<Replayed> batch, long batchStarted) throws IOException {
        lock.lock();
        try {
            while (batch.stream().anyMatch(item -> item.state == State.SENDING)) {
                changed.awaitUninterruptibly();
            }
            long settled = 0;
            String failure = null;
            for (Replayed item : batch) {
                if (item.state == State.FAILED) {
                    failure = item.reason;
                    break;
                }
                if (item.state == State.REFUSED) {
                    deadLetterSpooled(item);
                }
                spool.delivered(item.entry);
                settled++;
            }
            spool.commit();
            replayed.addAndGet(settled);
            if (failure != null) {
                endpointDown(failure);
                drainStartedNanos = -1;
                drained = 0;
            } else {
                probe = false;
                if (drainStartedNanos < 0) {
                    drainStartedNanos = batchStarted;
                }
                drained += settled;
            }
            return settled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The spool is delivered to its end, or to its last {@code handedOver} records: says so, with how
     * fast it drained since the last failure. Under the lock.
     */
    private void reportDrained(int handedOver) {
        double seconds = drainStartedNanos < 0 ? 0 : (System.nanoTime() - drainStartedNanos) / 1e9;
        String rate = seconds > 0 ? String.format(java.util.Locale.ROOT, " (%d records in %.1f s, %.0f records/s)",
                drained, seconds, drained / seconds) : "";
        String rest = handedOver == 0 ? "" : "; its last " + handedOver + " go out ahead of new records";
        if (reportedDown) {
            reportedDown = false;
            LOG.info("audit endpoint is back; every spooled record was delivered{}{}", rate, rest);
        } else {
            LOG.info("audit spool delivered{}{}", rate, rest);
        }
        drainStartedNanos = -1;
        drained = 0;
    }

    /** A spooled record the endpoint refused for good: the dead-letter file, and a marker at the spool's end. */
    private void deadLetterSpooled(Replayed item) throws IOException {
        Identity refused = Identity.of(item.entry.json());
        keep(item.entry.json(), refused.writer(), refused.seq(), refused.id(), item.reason);
        if (refused.marker()) {
            return;
        }
        AuditChain.Linked marker = chain.link(marker(refused.writer(), refused.seq(), refused.hash(), refused.id(), item.reason));
        spool.append(marker.json());
        state.written(marker.link());
    }

    @Override
    public void flush() {
        try {
            spool.force();
        } catch (IOException e) {
            LOG.error("audit spool {} could not be forced to disk: {}", spool, e.toString());
        }
    }

    @Override
    public void drain(Duration within) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            draining = true;
            long deadline = System.nanoTime() + within.toNanos();
            while ((!live.isEmpty() || replaying) && System.nanoTime() - deadline < 0) {
                try {
                    changed.awaitNanos(Math.max(1, deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!live.isEmpty()) {
                LOG.warn("audit writer stopping: {} records still waited for the endpoint; they are spooled and "
                        + "delivered after the next start (perhaps twice)", live.size());
                for (Pending pending : live) {
                    if (pending.state == State.SENDING) {
                        pending.state = State.TO_SPOOL;
                    }
                }
                settle(after);
            }
            commitHandedOver();
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        flush();
    }

    /** Records acknowledged on the direct path, spooled, and delivered from the spool, by this process. */
    public String counts() {
        return delivered.get() + " delivered, " + spooled.get() + " spooled, " + replayed.get()
                + " replayed from the spool, " + deadLetters.count() + " dead-lettered";
    }

    @Override
    public AuditTrailHealth health() {
        long backlog = spool.pendingBytes();
        return new AuditTrailHealth(backlog, writeFailing, delivered.get() + replayed.get(), spooled.get(),
                deadLetters.count(), backlog == 0 ? null : oldestPendingAt());
    }

    /** When the oldest spooled record was made: one line read from the spool; null when unknown. */
    private Instant oldestPendingAt() {
        try {
            String oldest = spool.oldestPending();
            if (oldest == null) {
                return null;
            }
            JsonNode record = HEALTH_JSON.readTree(oldest);
            String at = record.hasNonNull("completed_at") ? record.get("completed_at").asText() : record.path("at").asText(null);
            return at == null ? null : Instant.parse(at);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True while records wait in the spool. */
    public boolean spooling() {
        lock.lock();
        try {
            return spooling;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        flush();
        spool.close();
        deadLetters.close();
    }
}
