package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTrailVerifierTest {

    private static AuditTrailReport verify(List<String> lines) {
        AuditTrailVerifier verifier = new AuditTrailVerifier();
        for (int i = 0; i < lines.size(); i++) {
            verifier.accept("line " + (i + 1), lines.get(i));
        }
        return verifier.report();
    }

    @Test
    void anUntouchedTrailOfTwoInterleavedWritersVerifies() {
        AuditChain a = new AuditChain("eu-west-1/a");
        AuditChain b = new AuditChain("eu-west-1/b");
        List<String> lines = List.of(
                a.link(AuditFixtures.record("req_a1")).json(),
                b.link(AuditFixtures.record("req_b1")).json(),
                a.link(AuditFixtures.record("req_a2")).json(),
                a.link(AuditFixtures.record("req_a3")).json(),
                b.link(AuditFixtures.record("req_b2")).json());

        AuditTrailReport report = verify(lines);

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.records()).isEqualTo(5);
        assertThat(report.writers()).isEqualTo(2);
        assertThat(report.render()).startsWith("OK: 5 records from 2 writer(s)");
    }

    @Test
    void aDeletedRecordIsAGap() {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 5));
        lines.remove(2);

        AuditTrailReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.gaps()).singleElement().asString().contains("seq 3 missing");
    }

    @Test
    void anAlteredRecordNoLongerMatchesItsHash() {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 4));
        lines.set(1, lines.get(1).replace("\"status\":200", "\"status\":500"));

        AuditTrailReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.altered()).singleElement().asString().contains("line 2", "seq 2");
    }

    @Test
    void anAlteredRecordWithARecomputedHashBreaksTheNextLink() throws Exception {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 4));
        var forged = (com.fasterxml.jackson.databind.node.ObjectNode) AuditJson.parse(
                lines.get(1).replace("\"status\":200", "\"status\":500"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) forged.get("chain")).put("hash", AuditJson.hashOf(forged));
        lines.set(1, forged.toString());

        AuditTrailReport report = verify(lines);

        assertThat(report.altered()).isEmpty();
        assertThat(report.breaks()).singleElement().asString().contains("line 3", "prev does not match");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void swappedRecordsAreReportedAsReordered() {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 5));
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);

        AuditTrailReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.reordered()).singleElement().asString().contains("seq 3", "read after seq 4");
        assertThat(report.gaps()).isEmpty();
    }

    @Test
    void anIdenticalCopyIsADuplicateButNotAFailure() {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 3));
        lines.add(lines.get(1));

        AuditTrailReport report = verify(lines);

        assertThat(report.duplicates()).singleElement().asString().contains("line 4", "a copy of line 2");
        assertThat(report.ok()).as(report.render()).isTrue();
    }

    @Test
    void aDifferentRecordUnderAnExistingSeqIsABreak() {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 3));
        lines.add(AuditFixtures.chainedLines("w", 3).get(1).replace("req_2", "req_x"));

        AuditTrailReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.breaks()).anySatisfy(line -> assertThat(line).contains("same seq"));
    }

    @Test
    void linesThatAreNotRecordsAreUnreadable() {
        List<String> lines = new ArrayList<>(AuditFixtures.chainedLines("w", 2));
        lines.add("{not json");
        lines.add("{\"request_id\":\"x\"}");

        AuditTrailReport report = verify(lines);

        assertThat(report.unreadable()).hasSize(2);
        assertThat(report.render()).startsWith("FAILED: 2 records from 1 writer(s)");
    }
}
