package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSpoolTest {

    private static final long SEGMENT = 1024 * 1024;

    @TempDir
    Path directory;

    private List<String> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(AuditSpool::isSegment).sorted().toList();
        }
    }

    @Test
    void spooledRecordsArePendingUntilDeliveredInOrder() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            assertThat(spool.hasPending()).isFalse();
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");

            List<AuditSpool.Entry> batch = spool.next(10);
            assertThat(batch).extracting(AuditSpool.Entry::json).containsExactly("{\"n\":1}", "{\"n\":2}");
            spool.delivered(batch.get(0));

            assertThat(spool.hasPending()).isTrue();
            assertThat(spool.next(10)).extracting(AuditSpool.Entry::json).containsExactly("{\"n\":2}");
            spool.delivered(batch.get(1));
            spool.commit();
            assertThat(spool.hasPending()).isFalse();
            assertThat(segmentFiles()).as("an empty spool holds no segment file").isEmpty();
        }
    }

    @Test
    void tellsHowManyBytesWaitForDeliveryAndWhichRecordWaitsLongest() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            assertThat(spool.pendingBytes()).isZero();
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");
            assertThat(spool.pendingBytes()).as("two lines of 8 bytes").isEqualTo(16);
            assertThat(spool.oldestPending()).isEqualTo("{\"n\":1}");

            List<AuditSpool.Entry> batch = spool.next(10);
            spool.delivered(batch.get(0));
            assertThat(spool.pendingBytes()).isEqualTo(8);
            assertThat(spool.oldestPending()).isEqualTo("{\"n\":2}");
            spool.delivered(batch.get(1));
            assertThat(spool.pendingBytes()).isZero();
            assertThat(spool.oldestPending()).isNull();
        }
    }

    @Test
    void whatWasNotCommittedBeforeARestartIsStillPendingAfterIt() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");
            spool.append("{\"n\":3}");
            spool.delivered(spool.next(1).get(0));
            spool.commit();
            spool.delivered(spool.next(1).get(0));   // delivered, but the cursor on disk stays behind
        }
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            assertThat(spool.next(10)).as("a stale cursor delivers n=2 again: at least once")
                    .extracting(AuditSpool.Entry::json).containsExactly("{\"n\":2}", "{\"n\":3}");
        }
    }

    @Test
    void recordsRollOverIntoNewSegmentsAndDeliveredSegmentsAreDeleted() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, 40)) {
            for (int i = 1; i <= 9; i++) {
                spool.append("{\"n\":" + i + ",\"pad\":\"xxxxxxxxxxxx\"}");   // 33 bytes a line: two per segment
            }
            assertThat(segmentFiles()).hasSize(5);

            List<AuditSpool.Entry> firstFive = spool.next(5);
            assertThat(firstFive).extracting(AuditSpool.Entry::json).allSatisfy(json -> assertThat(json).startsWith("{\"n\":"));
            firstFive.forEach(spool::delivered);
            spool.commit();

            assertThat(segmentFiles()).as("the two segments delivered to their end are gone").hasSize(3);
            assertThat(spool.next(10)).extracting(AuditSpool.Entry::json).first().asString().startsWith("{\"n\":6");
        }
        try (AuditSpool spool = new AuditSpool(directory, 40)) {
            assertThat(spool.next(10)).as("after a restart").hasSize(4);
            spool.next(10).forEach(spool::delivered);
            spool.commit();
            assertThat(segmentFiles()).isEmpty();
            spool.append("{\"n\":10}");
            assertThat(segmentFiles()).as("numbering goes on after the deleted segments").singleElement().asString()
                    .isEqualTo(AuditSpool.segmentName(6));
        }
    }

    @Test
    void theCursorIsReplacedAtomicallyWithoutATemporaryFileLeftBehind() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");
            spool.delivered(spool.next(1).get(0));
            spool.commit();
        }
        assertThat(Files.readString(directory.resolve(AuditSpool.CURSOR)).trim()).isEqualTo("1 8");
        assertThat(directory.resolve(AuditSpool.CURSOR + ".tmp")).doesNotExist();
    }

    @Test
    void deliveringOutOfOrderIsRefused() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            spool.append("{\"n\":1}");
            spool.append("{\"n\":2}");
            AuditSpool.Entry second = spool.next(2).get(1);

            assertThatThrownBy(() -> spool.delivered(second)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aTornLastLineIsCutOffWhenTheSpoolIsOpened() throws Exception {
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            spool.append("{\"n\":1}");
        }
        Files.writeString(directory.resolve(AuditSpool.segmentName(1)), "{\"n\":2", java.nio.file.StandardOpenOption.APPEND);

        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            spool.append("{\"n\":3}");
            assertThat(spool.next(10)).extracting(AuditSpool.Entry::json).containsExactly("{\"n\":1}", "{\"n\":3}");
        }
    }

    @Test
    void theSpoolFileOfAnEarlierVersionBecomesTheFirstSegmentAndItsCursorIsKept() throws Exception {
        Files.writeString(directory.resolve(AuditSpool.LEGACY_FILE), "{\"n\":1}\n{\"n\":2}\n");
        Files.writeString(directory.resolve(AuditSpool.CURSOR), "8");

        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            assertThat(spool.next(10)).extracting(AuditSpool.Entry::json).containsExactly("{\"n\":2}");
        }
        assertThat(directory.resolve(AuditSpool.LEGACY_FILE)).doesNotExist();
    }

    @Test
    void aCursorPastTheEndOfItsSegmentDeliversTheSegmentAgainRatherThanSkipIt() throws Exception {
        Files.writeString(directory.resolve(AuditSpool.CURSOR), "999");
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            spool.append("{\"n\":1}");
        }
        try (AuditSpool spool = new AuditSpool(directory, SEGMENT)) {
            assertThat(spool.next(10)).extracting(AuditSpool.Entry::json).containsExactly("{\"n\":1}");
        }
    }
}
