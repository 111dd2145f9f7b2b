package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSpoolTest {

    @TempDir
    Path directory;

    @Test
    void spooledRecordsArePendingUntilDeliveredInOrder() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory)) {
            assertThat(spool.hasPending()).isFalse();
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");

            List<AuditJournal.Entry> batch = spool.next(10);
            assertThat(batch).extracting(AuditJournal.Entry::json).containsExactly("{\"n\":1}", "{\"n\":2}");
            spool.delivered(batch.get(0));

            assertThat(spool.hasPending()).isTrue();
            assertThat(spool.next(10)).extracting(AuditJournal.Entry::json).containsExactly("{\"n\":2}");
            spool.delivered(batch.get(1));
            assertThat(spool.hasPending()).isFalse();
            assertThat(Files.size(directory.resolve(AuditSpool.FILE))).as("emptied once all is delivered").isZero();
        }
    }

    @Test
    void whatWasNotDeliveredBeforeARestartIsStillPendingAfterIt() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory)) {
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");
            spool.delivered(spool.next(1).get(0));
        }
        try (AuditSpool spool = new AuditSpool(directory)) {
            assertThat(spool.hasPending()).isTrue();
            assertThat(spool.next(10)).extracting(AuditJournal.Entry::json).containsExactly("{\"n\":2}");
        }
    }

    @Test
    void acknowledgingOutOfOrderIsRefused() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory)) {
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");
            AuditJournal.Entry second = spool.next(2).get(1);

            assertThatThrownBy(() -> spool.delivered(second)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCursorPastTheEndAfterACrashDuringEmptyingStartsOver() throws Exception {
        Files.writeString(directory.resolve(AuditSpool.CURSOR), "999");
        try (AuditSpool spool = new AuditSpool(directory)) {
            spool.append("{\"n\":1}");
            assertThat(spool.next(10)).extracting(AuditJournal.Entry::json).containsExactly("{\"n\":1}");
        }
    }
}
