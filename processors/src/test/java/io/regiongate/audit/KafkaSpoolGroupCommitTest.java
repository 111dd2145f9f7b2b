package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.audit.AuditTrailWriter.Written;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit in the Kafka writer's spool, while the broker is away: {@code sync} records spooled
 * while the disk works on a force are spooled at once (nobody holds the writer or the spool during
 * the force), share the next force, and none is answered before the force that covers it.
 */
class KafkaSpoolGroupCommitTest {

    @TempDir
    Path directory;

    private final KafkaTrailWriterTest.ScriptedSender sender = new KafkaTrailWriterTest.ScriptedSender();
    private final ExecutorService sendThread = Executors.newSingleThreadExecutor();
    private final ExecutorService requests = Executors.newCachedThreadPool();
    private final List<FlakyFileChannel> segments = new CopyOnWriteArrayList<>();
    private AuditWriterState state;
    private KafkaTrailWriter writer;

    @BeforeEach
    void openWriter() {
        state = AuditWriterState.open(directory);
        AuditSpool spool = new AuditSpool(directory.resolve("spool"), 1024 * 1024, path -> {
            FlakyFileChannel channel = new FlakyFileChannel(FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ));
            segments.add(channel);
            return channel;
        });
        writer = new KafkaTrailWriter("eu-west-1", new AuditChain("eu-west-1/w"), spool, new AuditDeadLetters(directory),
                state, sender, sendThread, new KafkaTrailWriter.Settings(10, 100, Duration.ofSeconds(1)),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        segments.forEach(FlakyFileChannel::releaseForce);
        requests.shutdownNow();
        sendThread.shutdownNow();
        writer.close();
        state.close();
    }

    @Test
    void syncRecordsSpooledDuringAForceShareTheNextForceAndAreAnsweredOnlyAfterIt() throws Exception {
        // given the broker away: the first record went to the spool
        FlakyFileChannel segment = brokerAway();

        // when a sync record's force is held in the system call
        CountDownLatch forceRunning = segment.holdNextForce();
        CompletableFuture<Written> first = sync("req_2");
        assertThat(forceRunning.await(10, TimeUnit.SECONDS)).isTrue();
        long firstForceSize = Files.size(segmentFile());

        // then an async record is spooled and answered meanwhile, three sync records are spooled and wait
        assertThat(CompletableFuture.supplyAsync(() -> writer.submit(AuditFixtures.record("req_3"), 1, false).join(),
                requests).get(10, TimeUnit.SECONDS)).isEqualTo(Written.SPOOLED);
        List<CompletableFuture<Written>> waiting = List.of(sync("req_4"), sync("req_5"), sync("req_6"));
        poll(() -> spooledLines() == 6, "req_3 to req_6 spooled while the force runs");
        assertThat(first).isNotDone();
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        segment.releaseForce();

        // and each is answered once forced: one force for req_2, then one for req_3 to req_6 together
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Written.SPOOLED);
        for (CompletableFuture<Written> record : waiting) {
            assertThat(record.get(10, TimeUnit.SECONDS)).isEqualTo(Written.SPOOLED);
        }
        assertThat(segment.forcedSizes()).containsExactly(firstForceSize, Files.size(segmentFile()));
    }

    @Test
    void aSyncRecordIsNotAnsweredBeforeTheForceThatCoversIt() throws Exception {
        FlakyFileChannel segment = brokerAway();

        CountDownLatch forceRunning = segment.holdNextForce();
        CompletableFuture<Written> record = sync("req_2");
        assertThat(forceRunning.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(spooledLines()).isEqualTo(2);    // written, not yet forced
        assertThat(record).isNotDone();

        segment.releaseForce();

        assertThat(record.get(10, TimeUnit.SECONDS)).isEqualTo(Written.SPOOLED);
    }

    /** The broker fails the first record's send: it goes to the spool, and so does every record after it. */
    private FlakyFileChannel brokerAway() throws InterruptedException {
        writer.submit(AuditFixtures.record("req_1"), 1, false);
        poll(() -> sender.sent() == 1, "the first send");
        sender.fail(0, new TimeoutException("broker away"));
        poll(() -> spooledLines() == 1, "req_1 spooled");
        return segments.get(0);
    }

    private CompletableFuture<Written> sync(String id) {
        return CompletableFuture.supplyAsync(() -> writer.submit(AuditFixtures.record(id), 1, true).join(), requests);
    }

    private Path segmentFile() {
        return directory.resolve("spool").resolve(AuditSpool.segmentName(1));
    }

    private long spooledLines() {
        try {
            return Files.exists(segmentFile()) ? Files.readAllLines(segmentFile()).size() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
