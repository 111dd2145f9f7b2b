package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit in the journal: sync records share one force, and none is answered before its own. */
class JournalGroupCommitTest {

    @TempDir
    Path directory;

    private final ExecutorService requests = Executors.newCachedThreadPool();
    private final FlakyFileChannel[] channel = new FlakyFileChannel[1];
    private AuditWriterState state;
    private JournalTrailWriter writer;

    @BeforeEach
    void openJournal() {
        state = AuditWriterState.open(directory);
        AuditJournal journal = new AuditJournal(directory.resolve("journal.jsonl"), path -> channel[0] =
                new FlakyFileChannel(java.nio.channels.FileChannel.open(path, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.READ)));
        writer = new JournalTrailWriter(new AuditChain("eu-west-1/w"), journal, state);
    }

    @AfterEach
    void close() {
        channel[0].releaseForce();
        requests.shutdownNow();
        writer.close();
        state.close();
    }

    @Test
    void syncRecordsWrittenDuringAForceShareTheNextForceAndAreAnsweredOnlyAfterIt() throws Exception {
        CountDownLatch firstForceRunning = channel[0].holdNextForce();
        CompletableFuture<AuditTrailWriter.Written> first = sync("req_1");
        assertThat(firstForceRunning.await(10, TimeUnit.SECONDS)).isTrue();

        // while the disk works on req_1: an async record is written and answered at once, three sync
        // records are written and wait
        assertThat(CompletableFuture.supplyAsync(() -> writer.submit(AuditFixtures.record("req_2"), 1, false).join(),
                requests).get(10, TimeUnit.SECONDS)).isEqualTo(AuditTrailWriter.Written.JOURNALED);
        List<CompletableFuture<AuditTrailWriter.Written>> waiting = List.of(sync("req_3"), sync("req_4"), sync("req_5"));
        awaitLines(5);
        assertThat(first).isNotDone();
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        channel[0].releaseForce();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(AuditTrailWriter.Written.JOURNALED);
        for (CompletableFuture<AuditTrailWriter.Written> record : waiting) {
            assertThat(record.get(10, TimeUnit.SECONDS)).isEqualTo(AuditTrailWriter.Written.JOURNALED);
        }
        long size = Files.size(directory.resolve("journal.jsonl"));
        long firstRecordEnd = Files.readAllLines(directory.resolve("journal.jsonl")).get(0).getBytes().length + 1;
        // one force for req_1, then one for req_2 to req_5 together
        assertThat(channel[0].forcedSizes()).containsExactly(firstRecordEnd, size);
    }

    @Test
    void aSyncRecordIsNotAnsweredBeforeTheForceThatCoversIt() throws Exception {
        CountDownLatch forceRunning = channel[0].holdNextForce();
        CompletableFuture<AuditTrailWriter.Written> record = sync("req_1");
        assertThat(forceRunning.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readAllLines(directory.resolve("journal.jsonl"))).hasSize(1);   // written, not yet forced
        assertThat(record).isNotDone();

        channel[0].releaseForce();
        assertThat(record.get(10, TimeUnit.SECONDS)).isEqualTo(AuditTrailWriter.Written.JOURNALED);
        assertThat(channel[0].forcedSizes()).hasSize(1);
    }

    @Test
    void asyncRecordsAloneAreForcedByTheFlushNotOneByOne() throws Exception {
        for (int i = 1; i <= 5; i++) {
            writer.submit(AuditFixtures.record("req_" + i), 1, false).get(10, TimeUnit.SECONDS);
        }
        assertThat(channel[0].forcedSizes()).isEmpty();

        writer.flush();
        writer.flush();

        assertThat(channel[0].forcedSizes()).containsExactly(Files.size(directory.resolve("journal.jsonl")));
    }

    private CompletableFuture<AuditTrailWriter.Written> sync(String requestId) {
        return CompletableFuture.supplyAsync(() -> writer.submit(AuditFixtures.record(requestId), 1, true).join(), requests);
    }

    private void awaitLines(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.readAllLines(directory.resolve("journal.jsonl")).size() < count) {
            assertThat(System.nanoTime()).as("%d records written within 10 s", count).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
