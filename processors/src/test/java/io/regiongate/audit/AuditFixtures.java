package io.regiongate.audit;

import java.util.List;

/** Small audit records for tests. */
final class AuditFixtures {

    private AuditFixtures() {
    }

    static AuditRecord record(String requestId) {
        return new AuditRecord(AuditRecord.SCHEMA_VERSION, requestId, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z",
                1000L, "eu-west-1", "eu-west-1", "acme-eu", null, null, "gpt-4o", null, false, "eu-sim", List.of(),
                new AuditRecord.Residency("local", null, null), null, 200, null, "complete",
                new io.regiongate.call.TokenUsage(3L, 2L, 5L), new AuditRecord.Content("none", null, null), null, null, null, null);
    }

    /** The JSON lines of {@code count} records chained by one writer. */
    static List<String> chainedLines(String writer, int count) {
        AuditChain chain = new AuditChain(writer);
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> chain.link(record("req_" + i)).json())
                .toList();
    }
}
