package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka trail writer without Kafka and without Camel: a scripted sender whose sends the test
 * acknowledges or fails one by one, a real spool, dead-letter file and writer state on disk.
 */
class KafkaTrailWriterTest {

    @TempDir
    Path directory;

    private final ScriptedSender sender = new ScriptedSender();
    private final ExecutorService sendThread = Executors.newSingleThreadExecutor();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ExecutorService submitter = Executors.newSingleThreadExecutor();
    private AuditWriterState state;
    private AuditSpool spool;
    private KafkaTrailWriter writer;

    @BeforeEach
    void openDirectory() {
        state = AuditWriterState.open(directory);
        spool = new AuditSpool(directory, 1024 * 1024);
    }

    private KafkaTrailWriter writer(int window, int replayBatch) {
        writer = new KafkaTrailWriter("eu-west-1", new AuditChain("eu-west-1/w"), spool, new AuditDeadLetters(directory),
                state, sender, sendThread, new KafkaTrailWriter.Settings(window, replayBatch, Duration.ofSeconds(1)),
                clock);
        return writer;
    }

    @AfterEach
    void close() {
        submitter.shutdownNow();
        sendThread.shutdownNow();
        if (writer != null) {
            writer.close();
        }
        state.close();
    }

    private static AuditRecord record(int n) {
        return AuditFixtures.record("req_" + n);
    }

    private List<String> spooledIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (AuditSpool.Entry entry : spool.next(1000)) {
            ids.add(AuditJson.routingOf(entry.json()).id());
        }
        return ids;
    }

    @Test
    void recordsLeaveInChainOrderWithNeverMoreThanTheWindowWaitingForTheBroker() throws Exception {
        writer(3, 100);
        Future<?> five = submitter.submit(() -> {
            for (int i = 1; i <= 5; i++) {
                writer.submit(record(i), 1, false);
            }
        });
        poll(() -> sender.sent() == 3, "three sends");
        assertThat(five).as("the fourth waits for room in the window").isNotDone();
        assertThat(sender.sent()).isEqualTo(3);

        sender.ack(0);
        poll(() -> sender.sent() == 4, "the fourth send once the first was acknowledged");
        sender.ack(1);
        five.get();
        poll(() -> sender.sent() == 5, "the fifth send");

        assertThat(sender.ids()).containsExactly("req_1", "req_2", "req_3", "req_4", "req_5");
        assertThat(sender.keys()).containsOnly("eu-west-1/w");
        assertThat(sender.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void anAcknowledgedRecordIsWrittenAndAccountedForInChainOrder() throws Exception {
        writer(10, 100);
        CompletableFuture<AuditTrailWriter.Written> first = writer.submit(record(1), 1, false);
        CompletableFuture<AuditTrailWriter.Written> second = writer.submit(record(2), 1, true);
        state.requestBegun();
        state.requestBegun();
        poll(() -> sender.sent() == 2, "two sends");

        sender.ack(1);
        assertThat(second).as("settled in chain order: not before the first").isNotDone();
        sender.ack(0);

        assertThat(first.get()).isEqualTo(AuditTrailWriter.Written.DELIVERED);
        assertThat(second.get()).isEqualTo(AuditTrailWriter.Written.DELIVERED);
        assertThat(state.lastWritten()).get().extracting(AuditRecord.ChainLink::seq).isEqualTo(2L);
        assertThat(state.unaccounted()).isZero();
        assertThat(spool.hasPending()).isFalse();
    }

    @Test
    void aFailureSpoolsThatRecordAndEveryLaterOneEvenOneThatGotThrough() throws Exception {
        writer(10, 100);
        writer.submit(record(1), 1, false);
        writer.submit(record(2), 1, false);
        CompletableFuture<AuditTrailWriter.Written> third = writer.submit(record(3), 1, false);
        poll(() -> sender.sent() == 3, "three sends");

        sender.ack(0);
        sender.ack(2);                                                  // the third got through first
        sender.fail(1, new TimeoutException("Expiring 1 record(s): 3001 ms has passed"));

        assertThat(third.get()).as("re-delivered behind the failed one").isEqualTo(AuditTrailWriter.Written.SPOOLED);
        assertThat(spooledIds()).containsExactly("req_2", "req_3");
        assertThat(state.lastWritten()).get().extracting(AuditRecord.ChainLink::seq).isEqualTo(3L);

        writer.submit(record(4), 1, false).get();
        assertThat(sender.sent()).as("nothing is sent directly while records are spooled").isEqualTo(3);
        assertThat(spooledIds()).containsExactly("req_2", "req_3", "req_4");
    }

    @Test
    void aRecordRefusedForGoodIsDeadLetteredWithAMarkerBehindItAndTheTrailMovesOn() throws Exception {
        writer(10, 100);
        CompletableFuture<AuditTrailWriter.Written> big = writer.submit(record(1), 1, false);
        writer.submit(record(2), 1, false);
        poll(() -> sender.sent() == 2, "two sends");

        sender.fail(0, new RecordTooLargeException("The message is 1048700 bytes when serialized which is larger "
                + "than 1048576, which is the value of the max.request.size configuration."));
        sender.ack(1);

        assertThat(big.get()).isEqualTo(AuditTrailWriter.Written.DEAD_LETTERED);
        List<String> deadLetters = Files.readAllLines(directory.resolve(AuditDeadLetters.FILE));
        assertThat(deadLetters).singleElement().asString()
                .contains("\"reason\":\"RecordTooLargeException: The message is 1048700 bytes")
                .contains("\"request_id\":\"req_1\"");
        JsonNode marker = AuditJson.parse(spool.next(10).get(0).json());
        assertThat(marker.path("kind").asText()).isEqualTo(AuditEvent.DEAD_LETTER);
        assertThat(marker.path("dead_letter").path("seq").asLong()).isEqualTo(1);
        assertThat(marker.path("dead_letter").path("record_id").asText()).isEqualTo("req_1");
        assertThat(marker.path("chain").path("seq").asLong()).as("the marker follows the records sent before it").isEqualTo(3);

        // the marker reaches the topic by replay, and the writer sends directly again
        Future<Long> replay = submitter.submit(() -> writer.replay(() -> false));
        poll(() -> sender.sent() == 3, "the marker sent");
        sender.ack(2);
        assertThat(replay.get()).isEqualTo(1);
        assertThat(writer.spooling()).isFalse();
        writer.submit(record(4), 1, false);
        poll(() -> sender.sent() == 4, "a direct send again");
    }

    @Test
    void replayMovesPastARecordRefusedForGoodAndStopsAtAFailureWithoutSkippingIt() throws Exception {
        writer(10, 100);
        writer.submit(record(1), 1, false);
        poll(() -> sender.sent() == 1, "a send");
        sender.fail(0, new TimeoutException("broker away"));
        for (int i = 2; i <= 5; i++) {
            writer.submit(record(i), 1, false).get();
        }
        assertThat(spooledIds()).containsExactly("req_1", "req_2", "req_3", "req_4", "req_5");
        clock.advance(Duration.ofSeconds(2));

        // first replay after a failure: a single record probes the broker
        Future<Long> probe = submitter.submit(() -> writer.replay(() -> false));
        poll(() -> sender.sent() == 2, "the probe");
        sender.ack(1);
        poll(() -> sender.sent() == 6, "the rest, pipelined");
        sender.ack(2);
        sender.fail(3, new InvalidRecordException("This record has failed the validation on broker"));
        sender.fail(4, new TimeoutException("broker away again"));
        sender.ack(5);
        assertThat(probe.get()).as("req_1 delivered, the four others handed over to the live path").isEqualTo(5);

        assertThat(spooledIds()).as("the failed one stays first; the one after it is sent again")
                .containsExactly("req_4", "req_5", spooledIds().get(2));
        assertThat(Files.readAllLines(directory.resolve(AuditDeadLetters.FILE))).singleElement().asString()
                .contains("\"request_id\":\"req_3\"").contains("InvalidRecordException");
        assertThat(writer.replay(() -> false)).as("no replay right after a failure").isZero();
    }

    @Test
    void aSyncRecordIsDoneOnlyOnceForcedToTheSpoolAndAnAsyncOneNeverWaitsForTheWindow() throws Exception {
        writer(1, 100);
        writer.submit(record(1), 1, false);
        poll(() -> sender.sent() == 1, "a send filling the window");

        CompletableFuture<AuditTrailWriter.Written> overflow = writer.submitToDisk(record(2), 1, false);
        CompletableFuture<AuditTrailWriter.Written> sync = writer.submit(record(3), 1, true);
        assertThat(sync).as("behind the record still on its way").isNotDone();

        sender.ack(0);
        assertThat(overflow.get()).isEqualTo(AuditTrailWriter.Written.SPOOLED);
        assertThat(sync.get()).isEqualTo(AuditTrailWriter.Written.SPOOLED);
        assertThat(spooledIds()).containsExactly("req_2", "req_3");
    }

    @Test
    void aRefusedMarkerIsKeptButBegetsNoFurtherMarker() throws Exception {
        writer(10, 100);
        writer.submit(record(1), 1, false);
        poll(() -> sender.sent() == 1, "a send");
        sender.fail(0, new RecordTooLargeException("too large"));
        Future<Long> replay = submitter.submit(() -> writer.replay(() -> false));
        poll(() -> sender.sent() == 2, "the marker sent");
        sender.fail(1, new RecordTooLargeException("even the marker"));
        replay.get();

        assertThat(Files.readAllLines(directory.resolve(AuditDeadLetters.FILE))).hasSize(2);
        assertThat(spool.hasPending()).isFalse();
        assertThat(writer.spooling()).isFalse();
    }

    @Test
    void drainingSpoolsWhatTheBrokerHasNotAnsweredSoNothingIsLeftInMemory() throws Exception {
        writer(10, 100);
        state.requestBegun();
        state.requestBegun();
        writer.submit(record(1), 1, false);
        writer.submit(record(2), 1, false);
        poll(() -> sender.sent() == 2, "two sends");
        sender.ack(0);

        writer.drain(Duration.ofMillis(100));

        assertThat(spooledIds()).containsExactly("req_2");
        assertThat(state.unaccounted()).isZero();
        sender.ack(1);           // a late acknowledgement changes nothing
        assertThat(spooledIds()).containsExactly("req_2");
    }

    @Test
    void aSpoolLeftByAnEarlierProcessIsDeliveredBeforeAnythingIsSentDirectly() throws Exception {
        spool.append(new AuditChain("eu-west-1/earlier").link(record(0)).json());
        writer(10, 100);

        writer.submit(record(1), 1, false).get();
        assertThat(sender.sent()).isZero();

        Future<Long> replay = submitter.submit(() -> writer.replay(() -> false));
        poll(() -> sender.sent() == 2, "both spooled records");
        sender.ack(0);
        sender.ack(1);
        assertThat(replay.get()).isEqualTo(2);
        assertThat(sender.keys()).containsExactly("eu-west-1/earlier", "eu-west-1/w");
        assertThat(writer.spooling()).isFalse();
    }

    @Test
    @Timeout(30)     // a replay that waited for the acknowledgements would hang here
    void theSpoolsLastRecordsGoOutAheadOfNewOnesSoASteadyFlowNeverKeepsTheSpoolFromEmptying() throws Exception {
        spoolTwoFromAnEarlierProcess();
        writer(10, 100);

        assertThat(writer.replay(() -> false)).as("the rest of the spool handed over at once").isEqualTo(2);
        assertThat(writer.spooling()).as("new records are sent directly again").isFalse();
        writer.submit(record(3), 1, false);
        poll(() -> sender.sent() == 3, "the new record sent, before the handed-over ones were acknowledged");
        assertThat(sender.ids()).containsExactly("req_1", "req_2", "req_3");

        sender.ack(0);
        sender.ack(1);
        CompletableFuture<AuditTrailWriter.Written> fourth = writer.submit(record(4), 1, false);
        sender.ack(2);
        poll(() -> sender.sent() == 4, "the fourth sent directly");
        sender.ack(3);
        assertThat(fourth.get()).isEqualTo(AuditTrailWriter.Written.DELIVERED);
        assertThat(spool.hasPending()).isFalse();

        writer.replay(() -> false);
        assertThat(spool.segmentCount()).as("the delivered segment deleted at the next replay tick").isZero();
    }

    @Test
    @Timeout(30)     // a replay that waited for the acknowledgements would hang here
    void aHandedOverRecordThatFailsStaysInTheSpoolOnceWithTheNewRecordsBehindIt() throws Exception {
        handOverTwoFromAnEarlierProcess();
        CompletableFuture<AuditTrailWriter.Written> third = writer.submit(record(3), 1, false);
        poll(() -> sender.sent() == 3, "the new record sent");

        sender.fail(0, new TimeoutException("broker away again"));
        sender.ack(1);
        sender.ack(2);

        assertThat(third.get()).isEqualTo(AuditTrailWriter.Written.SPOOLED);
        assertThat(spooledIds()).as("each once, in chain order").containsExactly("req_1", "req_2", "req_3");
        assertThat(writer.spooling()).isTrue();
    }

    @Test
    @Timeout(30)     // a replay that waited for the acknowledgements would hang here
    void aHandedOverRecordRefusedForGoodIsDeadLetteredAndTheCursorMovesPastIt() throws Exception {
        handOverTwoFromAnEarlierProcess();

        sender.fail(0, new RecordTooLargeException("too large"));
        sender.ack(1);

        assertThat(Files.readAllLines(directory.resolve(AuditDeadLetters.FILE))).singleElement().asString()
                .contains("\"request_id\":\"req_1\"");
        assertThat(spooledIds()).as("only the marker, spooled behind the delivered req_2").singleElement()
                .asString().startsWith("evt_");
    }

    @Test
    @Timeout(30)     // a replay that waited for the acknowledgements would hang here
    void drainingWithHandedOverRecordsOnTheirWayKeepsThemInTheSpoolOnce() throws Exception {
        handOverTwoFromAnEarlierProcess();
        sender.ack(0);

        writer.drain(Duration.ofMillis(100));

        assertThat(spooledIds()).containsExactly("req_2");
        assertThat(Files.readString(directory.resolve(AuditSpool.CURSOR)).trim())
                .as("the cursor committed on the way out: past req_1").isNotEqualTo("1 0");
        assertThat(new AuditSpool(directory, 1024 * 1024).next(10)).as("what a restart would deliver")
                .extracting(entry -> AuditJson.routingOf(entry.json()).id()).containsExactly("req_2");
    }

    /** Two records spooled by an earlier process, handed over by the first replay and sent, not yet answered. */
    private void handOverTwoFromAnEarlierProcess() throws Exception {
        spoolTwoFromAnEarlierProcess();
        writer(10, 100);
        assertThat(writer.replay(() -> false)).isEqualTo(2);
        poll(() -> sender.sent() == 2, "the handed-over records sent");
    }

    private void spoolTwoFromAnEarlierProcess() throws Exception {
        AuditChain earlier = new AuditChain("eu-west-1/earlier");
        spool.append(earlier.link(record(1)).json());
        spool.append(earlier.link(record(2)).json());
    }

    private static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited in vain for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Records every send and lets the test settle each one. */
    static final class ScriptedSender implements AuditSender {

        private record Sent(AuditJson.Routing routing, String json, Consumer<Throwable> done) {
        }

        private final List<Sent> sends = new CopyOnWriteArrayList<>();
        private final ConcurrentLinkedQueue<Integer> settled = new ConcurrentLinkedQueue<>();

        @Override
        public void send(AuditJson.Routing routing, String json, Consumer<Throwable> done) {
            sends.add(new Sent(routing, json, done));
        }

        int sent() {
            return sends.size();
        }

        void ack(int index) {
            settle(index, null);
        }

        void fail(int index, Throwable failure) {
            settle(index, failure);
        }

        private void settle(int index, Throwable failure) {
            if (settled.contains(index)) {
                throw new IllegalStateException("send " + index + " settled twice");
            }
            settled.add(index);
            sends.get(index).done().accept(failure);
        }

        List<String> ids() {
            return sends.stream().map(sent -> sent.routing().id()).toList();
        }

        List<String> keys() {
            return sends.stream().map(sent -> sent.routing().writer()).toList();
        }

        List<Long> seqs() throws Exception {
            List<Long> seqs = new ArrayList<>();
            for (Sent sent : sends) {
                seqs.add(AuditJson.parse(sent.json()).path("chain").path("seq").asLong());
            }
            return seqs;
        }
    }

    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
