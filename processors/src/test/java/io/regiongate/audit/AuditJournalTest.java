package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {

    @TempDir
    Path directory;

    @Test
    void appendedRecordsAreReadBackInOrderWithTheirOffsets() throws Exception {
        try (AuditJournal journal = new AuditJournal(directory.resolve("journal.jsonl"))) {
            long afterFirst = journal.append("{\"n\":1}");
            journal.append("{\"n\":2}");

            List<AuditJournal.Entry> entries = journal.read(0, 10);

            assertThat(entries).extracting(AuditJournal.Entry::json).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(entries.get(0).end()).isEqualTo(afterFirst);
            assertThat(journal.read(afterFirst, 10)).extracting(AuditJournal.Entry::json).containsExactly("{\"n\":2}");
            assertThat(journal.read(0, 1)).hasSize(1);
        }
    }

    @Test
    void recordsSurviveReopening() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        try (AuditJournal journal = new AuditJournal(file)) {
            journal.append("{\"n\":1}");
        }
        try (AuditJournal journal = new AuditJournal(file)) {
            journal.append("{\"n\":2}");
            assertThat(journal.read(0, 10)).extracting(AuditJournal.Entry::json)
                    .containsExactly("{\"n\":1}", "{\"n\":2}");
        }
    }

    @Test
    void aLineCutShortByACrashIsCutOffOnOpening() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        Files.writeString(file, "{\"n\":1}\n{\"n\":", StandardCharsets.UTF_8, StandardOpenOption.CREATE);

        try (AuditJournal journal = new AuditJournal(file)) {
            journal.append("{\"n\":2}");
            assertThat(journal.read(0, 10)).extracting(AuditJournal.Entry::json)
                    .containsExactly("{\"n\":1}", "{\"n\":2}");
        }
    }

    @Test
    void aWriteThatFailedHalfwayIsCutBackAtOnceSoTheNextRecordStartsOnItsOwnLine() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        FlakyFileChannel[] channel = new FlakyFileChannel[1];
        try (AuditJournal journal = new AuditJournal(file, path -> channel[0] = new FlakyFileChannel(
                java.nio.channels.FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ)))) {
            journal.append("{\"n\":1}");
            channel[0].failNextWriteHalfway();

            assertThatThrownBy(() -> journal.append("{\"n\":2,\"lost\":true}")).hasMessageContaining("No space");
            journal.append("{\"n\":3}");

            assertThat(journal.read(0, 10)).extracting(AuditJournal.Entry::json)
                    .containsExactly("{\"n\":1}", "{\"n\":3}");
        }
        assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":3}\n");
    }

    @Test
    void aHalfWriteThatCouldNotBeCutBackThenIsCutBackBeforeTheNextWrite() throws Exception {
        Path file = directory.resolve("journal.jsonl");
        FlakyFileChannel[] channel = new FlakyFileChannel[1];
        try (AuditJournal journal = new AuditJournal(file, path -> channel[0] = new FlakyFileChannel(
                java.nio.channels.FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ)))) {
            journal.append("{\"n\":1}");
            channel[0].failNextWriteHalfway();
            channel[0].failNextTruncate();

            assertThatThrownBy(() -> journal.append("{\"n\":2,\"lost\":true}")).isInstanceOf(java.io.IOException.class);
            assertThat(Files.size(file)).as("the half record is still in the file").isGreaterThan(8);
            journal.append("{\"n\":3}");
        }
        assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":3}\n");
    }

    @Test
    void refusesARecordThatIsNotOneLine() {
        try (AuditJournal journal = new AuditJournal(directory.resolve("journal.jsonl"))) {
            assertThatThrownBy(() -> journal.append("{\n}")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
