package io.regiongate.audit;

import java.util.List;

/**
 * What {@link AuditTrailVerifier} found. Duplicates, dead-lettered records (accounted for by
 * their markers), declared losses, how chains begin and notes (what the checkpoints covered, a
 * running writer's unsigned tail) are reported without making the trail fail.
 *
 * @param requestsWithoutRecord the sum of the losses: requests that the {@code unclean_stop}
 *                              records say have no record
 */
public record AuditTrailReport(
        long records,
        int writers,
        List<String> altered,
        List<String> breaks,
        List<String> gaps,
        List<String> reordered,
        List<String> duplicates,
        List<String> unreadable,
        List<String> unlinked,
        List<String> deadLettered,
        List<String> losses,
        long requestsWithoutRecord,
        List<String> chains,
        List<String> checkpoints,
        List<String> tails,
        List<String> unkeyed,
        List<String> notes) {

    public AuditTrailReport {
        altered = List.copyOf(altered);
        breaks = List.copyOf(breaks);
        gaps = List.copyOf(gaps);
        reordered = List.copyOf(reordered);
        duplicates = List.copyOf(duplicates);
        unreadable = List.copyOf(unreadable);
        unlinked = List.copyOf(unlinked);
        deadLettered = List.copyOf(deadLettered);
        losses = List.copyOf(losses);
        chains = List.copyOf(chains);
        checkpoints = List.copyOf(checkpoints);
        tails = List.copyOf(tails);
        unkeyed = List.copyOf(unkeyed);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return altered.isEmpty() && breaks.isEmpty() && gaps.isEmpty() && reordered.isEmpty() && unreadable.isEmpty()
                && unlinked.isEmpty() && checkpoints.isEmpty() && tails.isEmpty() && unkeyed.isEmpty();
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
                .append(unreadable.size()).append(" unreadable, ")
                .append(checkpoints.size()).append(" checkpoint, ")
                .append(tails.size()).append(" tail, ")
                .append(unkeyed.size()).append(" unkeyed; ")
                .append(unlinked.size()).append(" unlinked, ")
                .append(deadLettered.size()).append(" dead-lettered, ")
                .append(losses.size()).append(" losses (").append(requestsWithoutRecord)
                .append(" requests without record)\n");
        section(text, "altered", altered);
        section(text, "break", breaks);
        section(text, "gap", gaps);
        section(text, "reordered", reordered);
        section(text, "unlinked", unlinked);
        section(text, "unreadable", unreadable);
        section(text, "checkpoint", checkpoints);
        section(text, "tail", tails);
        section(text, "unkeyed", unkeyed);
        section(text, "dead-lettered", deadLettered);
        section(text, "loss", losses);
        section(text, "duplicate", duplicates);
        section(text, "chain", chains);
        section(text, "note", notes);
        return text.toString();
    }

    private static void section(StringBuilder text, String label, List<String> findings) {
        findings.forEach(finding -> text.append("  ").append(label).append(": ").append(finding).append('\n'));
    }
}
