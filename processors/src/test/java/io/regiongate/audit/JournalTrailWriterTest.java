package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTrailWriterTest {

    @TempDir
    Path directory;

    @Test
    void entriesAreJournaledInChainOrderAndAccountedForAsWritten() throws Exception {
        try (AuditWriterState state = AuditWriterState.open(directory)) {
            JournalTrailWriter writer = new JournalTrailWriter(new AuditChain("eu-west-1/w"),
                    new AuditJournal(directory.resolve("journal.jsonl")), state);
            state.requestBegun();
            state.requestBegun();

            assertThat(writer.submit(AuditFixtures.record("req_1"), 1, false).get()).isEqualTo(AuditTrailWriter.Written.JOURNALED);
            assertThat(writer.submitToDisk(AuditFixtures.record("req_2"), 1, true).get()).isEqualTo(AuditTrailWriter.Written.JOURNALED);
            writer.close();

            assertThat(Files.readAllLines(directory.resolve("journal.jsonl"))).hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("\"writer\":\"eu-west-1/w\""));
            assertThat(state.unaccounted()).isZero();
            assertThat(state.lastWritten()).get().extracting(AuditRecord.ChainLink::seq).isEqualTo(2L);
        }
    }
}
