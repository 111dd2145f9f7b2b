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

    @Test
    void aRecordDeliveredAgainWithEverythingAfterItIsNotReordered() {
        List<String> chained = AuditFixtures.chainedLines("w", 4);
        // seq 2 failed while seq 3 got through; replay then delivered 2, 3 and 4 in order
        List<String> lines = List.of(chained.get(0), chained.get(2), chained.get(1), chained.get(2), chained.get(3));

        AuditTrailReport report = verify(lines);

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.duplicates()).hasSize(1);
    }

    @Test
    void aSeqNamedByADeadLetterMarkerIsNoGapAndTheChainIsCheckedAcrossIt() {
        AuditChain chain = new AuditChain("w");
        String first = chain.link(AuditFixtures.record("req_1")).json();
        AuditChain.Linked refused = chain.link(AuditFixtures.record("req_2"));
        String third = chain.link(AuditFixtures.record("req_3")).json();
        String marker = chain.link(AuditEvent.deadLetter("eu-west-1", java.time.Instant.EPOCH,
                new AuditEvent.DeadLetter("w", 2, refused.link().hash(), "req_2", "RecordTooLargeException: big",
                        AuditDeadLetters.FILE))).json();

        AuditTrailReport report = verify(List.of(first, third, marker));

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.gaps()).isEmpty();
        assertThat(report.deadLettered()).singleElement().asString()
                .contains("writer w seq 2 (request req_2)", "RecordTooLargeException: big", "named by line 3");
    }

    @Test
    void theDeadLetterFileIsCheckedAgainstItsMarkerAndAMissingRecordThereIsABreak() throws Exception {
        AuditChain chain = new AuditChain("w");
        String first = chain.link(AuditFixtures.record("req_1")).json();
        AuditChain.Linked refused = chain.link(AuditFixtures.record("req_2"));
        String third = chain.link(AuditFixtures.record("req_3")).json();
        String marker = chain.link(AuditEvent.deadLetter("eu-west-1", java.time.Instant.EPOCH,
                new AuditEvent.DeadLetter("w", 2, refused.link().hash(), "req_2", "too large", AuditDeadLetters.FILE))).json();
        String deadLetterLine = "{\"dead_lettered_at\":\"x\",\"reason\":\"too large\",\"record\":" + refused.json() + "}";

        AuditTrailVerifier withFile = new AuditTrailVerifier();
        withFile.acceptDeadLetter("dead-letter.jsonl:1", deadLetterLine);
        List.of(first, third, marker).forEach(line -> withFile.accept("t", line));
        AuditTrailReport kept = withFile.report();
        assertThat(kept.ok()).as(kept.render()).isTrue();
        assertThat(kept.deadLettered()).singleElement().asString().contains("kept in dead-letter.jsonl:1");

        AuditTrailVerifier emptyFile = new AuditTrailVerifier();
        emptyFile.acceptDeadLetter("dead-letter.jsonl:1", "{\"reason\":\"x\",\"record\":"
                + new AuditChain("other").link(AuditFixtures.record("req_9")).json() + "}");
        List.of(first, third, marker).forEach(line -> emptyFile.accept("t", line));
        assertThat(emptyFile.report().breaks()).anySatisfy(line -> assertThat(line).contains("not in the dead-letter file"));
    }

    @Test
    void aWriterContinuesThePreviousWritersLastRecordAndOneLinkingToADeletedRunIsUnlinked() {
        AuditChain first = new AuditChain("eu-west-1/a");
        String a1 = first.link(AuditFixtures.record("req_a1")).json();
        AuditChain.Linked a2 = first.link(AuditFixtures.record("req_a2"));
        AuditChain second = new AuditChain("eu-west-1/b", a2.link());
        String b1 = second.link(AuditFixtures.record("req_b1")).json();
        AuditChain.Linked b2 = second.link(AuditFixtures.record("req_b2"));
        AuditChain third = new AuditChain("eu-west-1/c", b2.link());
        String c1 = third.link(AuditFixtures.record("req_c1")).json();

        AuditTrailReport whole = verify(List.of(a1, a2.json(), b1, b2.json(), c1));
        assertThat(whole.ok()).as(whole.render()).isTrue();
        assertThat(whole.chains()).containsExactly(
                "writer eu-west-1/a starts a new chain at line 1",
                "writer eu-west-1/b continues writer eu-west-1/a seq 2 at line 3",
                "writer eu-west-1/c continues writer eu-west-1/b seq 2 at line 5");

        AuditTrailReport deleted = verify(List.of(a1, a2.json(), c1));
        assertThat(deleted.ok()).isFalse();
        assertThat(deleted.unlinked()).singleElement().asString()
                .contains("line 3 (writer eu-west-1/c seq 1): links to a record that is not in the trail");

        AuditTrailReport laterPart = verify(List.of(b1, b2.json(), c1));
        assertThat(laterPart.ok()).as("a trail may begin with a writer that continues an earlier trail").isTrue();
        assertThat(laterPart.chains()).first().asString().startsWith("the trail begins with writer eu-west-1/b at line 1");
    }

    @Test
    void anUncleanStopRecordIsReportedAsALossWithoutFailingTheTrail() {
        AuditChain first = new AuditChain("eu-west-1/a");
        AuditChain.Linked a1 = first.link(AuditFixtures.record("req_a1"));
        AuditChain second = new AuditChain("eu-west-1/b", a1.link());
        String loss = second.link(AuditEvent.uncleanStop("eu-west-1", java.time.Instant.EPOCH,
                new AuditEvent.UncleanStop("eu-west-1/a", 1L, 7, 2))).json();

        AuditTrailReport report = verify(List.of(a1.json(), loss));

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.requestsWithoutRecord()).isEqualTo(7);
        assertThat(report.losses()).singleElement().asString().contains(
                "writer eu-west-1/a did not stop cleanly after seq 1: 7 request(s) begun under it have no record "
                        + "(2 of them refused before a tenant was known)");
        assertThat(report.render()).contains("1 losses (7 requests without record)", "  loss: line 2");
    }
}

