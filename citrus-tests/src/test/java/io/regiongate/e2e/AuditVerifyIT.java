package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatCalls;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code audit verify} on a journal the runtime wrote (the embedded default's destination when no
 * Kafka is configured): the untouched journal verifies; a copy with a deleted, an altered or a
 * reordered record fails, naming it.
 */
class AuditVerifyIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final int REQUESTS = 6;

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("audit-verify-journal")
            .tenant(TENANT, "async", "hash")
            .simulatedUpstream(List.of("gpt-4o"), Duration.ofMillis(1), "hello there");

    private static Path journal;
    private static List<String> lines;

    @BeforeAll
    static void auditSomeRequestsToTheJournal() throws IOException {
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(ChatCalls.complete(deployment.uri("/"), TENANT, "gpt-4o").status()).isEqualTo(200);
        }
        journal = deployment.journal();
        Poll.require(Duration.ofSeconds(10), () -> lineCount(journal) == REQUESTS,
                () -> REQUESTS + " records in " + journal + ", found " + lineCount(journal));
        lines = Files.readAllLines(journal);
    }

    @Test
    void theJournalAsWrittenVerifies() {
        GatewayProcess.CommandResult result = verify(journal.getParent());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK: " + REQUESTS + " records from 1 writer(s)");
    }

    @Test
    void aDeletedRecordIsReportedAsAGap() throws IOException {
        List<String> tampered = new ArrayList<>(lines);
        tampered.remove(2);

        GatewayProcess.CommandResult result = verify(write("deleted.jsonl", tampered));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED").contains("gap:").contains("seq 3 missing");
    }

    @Test
    void anAlteredRecordIsReportedAsAltered() throws IOException {
        List<String> tampered = new ArrayList<>(lines);
        tampered.set(1, tampered.get(1).replace("\"status\":200", "\"status\":204"));

        GatewayProcess.CommandResult result = verify(write("altered.jsonl", tampered));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("altered: altered.jsonl:2");
    }

    @Test
    void aReorderedRecordIsReportedAsReordered() throws IOException {
        List<String> tampered = new ArrayList<>(lines);
        String fourth = tampered.get(3);
        tampered.set(3, tampered.get(4));
        tampered.set(4, fourth);

        GatewayProcess.CommandResult result = verify(write("reordered.jsonl", tampered));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("reordered: reordered.jsonl:5").contains("seq 4");
    }

    private static GatewayProcess.CommandResult verify(Path path) {
        return GatewayProcess.runCommand(Duration.ofSeconds(30), "audit", "verify", "--journal", path.toString());
    }

    private static Path write(String name, List<String> tampered) throws IOException {
        return Files.write(journal.resolveSibling(name), tampered);
    }

    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
