package io.regiongate.audit;

import java.util.List;

/** What {@link AuditTrailVerifier} found. Identical duplicates alone do not make a trail fail. */
public record AuditTrailReport(
        long records,
        int writers,
        List<String> altered,
        List<String> breaks,
        List<String> gaps,
        List<String> reordered,
        List<String> duplicates,
        List<String> unreadable) {

    public AuditTrailReport {
        altered = List.copyOf(altered);
        breaks = List.copyOf(breaks);
        gaps = List.copyOf(gaps);
        reordered = List.copyOf(reordered);
        duplicates = List.copyOf(duplicates);
        unreadable = List.copyOf(unreadable);
    }

    public boolean ok() {
        return altered.isEmpty() && breaks.isEmpty() && gaps.isEmpty() && reordered.isEmpty() && unreadable.isEmpty();
    }

    /** The report an operator reads: a summary line, then one line per finding. */
    public String render() {
        StringBuilder text = new StringBuilder()
                .append(ok() ? "OK" : "FAILED").append(": ")
                .append(records).append(" records from ").append(writers).append(" writer(s); ")
                .append(altered.size()).append(" altered, ")
                .append(breaks.size()).append(" breaks, ")
                .append(gaps.size()).append(" gaps, ")
                .append(reordered.size()).append(" reordered, ")
                .append(duplicates.size()).append(" duplicates, ")
                .append(unreadable.size()).append(" unreadable\n");
        section(text, "altered", altered);
        section(text, "break", breaks);
        section(text, "gap", gaps);
        section(text, "reordered", reordered);
        section(text, "duplicate", duplicates);
        section(text, "unreadable", unreadable);
        return text.toString();
    }

    private static void section(StringBuilder text, String label, List<String> findings) {
        findings.forEach(finding -> text.append("  ").append(label).append(": ").append(finding).append('\n'));
    }
}
