package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditWriterStateTest {

    @TempDir
    Path directory;

    private static AuditRecord.ChainLink link(String writer, long seq, char hex) {
        return new AuditRecord.ChainLink(writer, seq, null, String.valueOf(hex).repeat(64));
    }

    @Test
    void aFreshDirectoryCountsAsCleanlyStoppedWithNothingWritten() {
        try (AuditWriterState state = AuditWriterState.open(directory)) {
            assertThat(state.cleanlyStopped()).isTrue();
            assertThat(state.lastWritten()).isEmpty();
            assertThat(state.unaccounted()).isZero();
        }
    }

    @Test
    void whatARunningWriterLeftIsReadByTheNextOneWithoutItHavingClosedAnything() {
        AuditWriterState running = AuditWriterState.open(directory);
        running.markRunning();
        for (int i = 0; i < 5; i++) {
            running.requestBegun();
        }
        running.accounted(3);
        running.refusalCounted();
        running.written(link("eu-west-1/a", 41, 'a'));
        running.written(link("eu-west-1/a", 42, 'b'));
        // no close, no force: the mapped pages are what a killed process leaves behind

        try (AuditWriterState next = AuditWriterState.open(directory)) {
            assertThat(next.cleanlyStopped()).isFalse();
            assertThat(next.unaccounted()).isEqualTo(2);
            assertThat(next.refusalsNotSummarised()).isEqualTo(1);
            assertThat(next.lastWritten()).get().satisfies(last -> {
                assertThat(last.writer()).isEqualTo("eu-west-1/a");
                assertThat(last.seq()).isEqualTo(42);
                assertThat(last.hash()).isEqualTo("b".repeat(64));
            });
        }
        running.close();
    }

    @Test
    void aCleanStopIsMarkedAndTheCountersStartAfresh() {
        try (AuditWriterState state = AuditWriterState.open(directory)) {
            state.markRunning();
            state.requestBegun();
            state.accounted(1);
            state.markCleanStop();
        }
        try (AuditWriterState state = AuditWriterState.open(directory)) {
            assertThat(state.cleanlyStopped()).isTrue();
            state.requestBegun();
            state.resetCounters();
            assertThat(state.unaccounted()).isZero();
        }
    }

    @Test
    void countersAreExactUnderConcurrentUpdates() throws Exception {
        try (AuditWriterState state = AuditWriterState.open(directory)) {
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        state.requestBegun();
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(state.unaccounted()).isEqualTo(40_000);
        }
    }
}
