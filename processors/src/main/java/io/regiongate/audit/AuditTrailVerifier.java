package io.regiongate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks an audit trail as it was read (a journal file, a Kafka partition, a spool) against the
 * hash chains of its writers. Feed it every record in the order read ({@link #accept}), and the
 * lines of the region's dead-letter file when there is one ({@link #acceptDeadLetter}), then ask
 * for the {@link AuditTrailReport}.
 *
 * <p>Failures:
 * <ul>
 *   <li><b>altered</b>: a record whose hash does not match its content;</li>
 *   <li><b>break</b>: a record whose {@code prev} is not the hash of its writer's record before it
 *       (an altered or replaced predecessor), two different records with the same sequence number
 *       or the same id, or a dead-lettered record that differs from what its marker names;</li>
 *   <li><b>gap</b>: sequence numbers of a writer that never appear (deleted records) and that no
 *       {@code dead_letter} marker (or dead-letter file) accounts for;</li>
 *   <li><b>reordered</b>: a record read after a higher sequence number of its writer, both in its
 *       first and in its last copy. (Replay after a failure delivers the failed record again
 *       together with every record after it, so the last copies are in chain order even where a
 *       later record got through first; a lone late copy leaves the first copies in order.);</li>
 *   <li><b>unlinked</b>: a writer whose first record links to a record that is nowhere in the
 *       trail: the run of writers in between was deleted;</li>
 *   <li><b>unreadable</b>: a line that is not an audit record.</li>
 * </ul>
 * Reported without failing: <b>duplicate</b> (an identical copy; delivery is at least once),
 * <b>dead-lettered</b> (a record the endpoint refused for good, named by a marker on the trail and
 * kept in the dead-letter file), <b>loss</b> (an {@code unclean_stop} record: how many requests a
 * killed writer left without a record) and <b>chain</b> (how each writer's chain begins).
 * Records cut from the very end of a trail leave no trace in the chain itself; the next writer's
 * link, or anchoring the last hash elsewhere, is what finds those.
 */
public final class AuditTrailVerifier {

    private final Map<String, WriterTrail> writers = new LinkedHashMap<>();
    private final List<String> altered = new ArrayList<>();
    private final List<String> breaks = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<String> losses = new ArrayList<>();
    private final List<Copy> copies = new ArrayList<>();
    private final Map<String, String> ids = new HashMap<>();
    /** Every hash the trail and the dead-letter file hold, and whose it is. */
    private final Map<String, String> knownHashes = new HashMap<>();
    private final Map<String, Map<Long, Marker>> markers = new HashMap<>();
    private final Map<String, Map<Long, Seen>> deadLetterFile = new HashMap<>();
    private boolean deadLettersRead;
    private long records;
    private long requestsWithoutRecord;

    private static final class WriterTrail {
        final TreeMap<Long, Seen> bySeq = new TreeMap<>();
    }

    /** A record's first copy (where, and its read position) and the read position of its last copy. */
    private record Seen(String hash, String prev, String location, int first, int[] lastCopy) {
    }

    private record Copy(int index, String writer, long seq, String location) {
    }

    private record Marker(String hash, String recordId, String reason, String location) {
    }

    /** One record as read; {@code location} names where (file:line, partition@offset). */
    public void accept(String location, String json) {
        JsonNode record = parse(location, json);
        if (record == null) {
            return;
        }
        JsonNode chain = record.path("chain");
        records++;
        String writer = chain.get("writer").asText();
        long seq = chain.get("seq").asLong();
        String hash = chain.get("hash").asText();
        String prev = chain.path("prev").asText(null);
        String id = idOf(record);
        String name = location + " (writer " + writer + " seq " + seq + ", " + describeId(record, id) + ")";
        boolean intact = AuditJson.hashOf(record).equals(hash);
        if (!intact) {
            altered.add(name + ": its content does not match its hash");
        }
        WriterTrail trail = writers.computeIfAbsent(writer, w -> new WriterTrail());
        Seen earlier = trail.bySeq.get(seq);
        int index = copies.size();
        copies.add(new Copy(index, writer, seq, location));
        if (earlier != null) {
            if (earlier.hash().equals(hash) && intact) {
                duplicates.add(name + ": a copy of " + earlier.location());
                earlier.lastCopy()[0] = index;
            } else {
                breaks.add(name + ": a different record than " + earlier.location() + " with the same seq");
            }
            return;
        }
        trail.bySeq.put(seq, new Seen(hash, prev, location, index, new int[] {index}));
        knownHashes.putIfAbsent(hash, "writer " + writer + " seq " + seq);
        String other = ids.putIfAbsent(id, name);
        if (other != null) {
            breaks.add(name + ": id already audited by " + other);
        }
        String kind = record.path("kind").asText("");
        if (AuditEvent.DEAD_LETTER.equals(kind)) {
            JsonNode dead = record.path("dead_letter");
            String deadHash = dead.path("hash").asText();
            markers.computeIfAbsent(dead.path("writer").asText(), w -> new HashMap<>())
                    .put(dead.path("seq").asLong(), new Marker(deadHash, dead.path("record_id").asText(),
                            dead.path("reason").asText(), location));
            knownHashes.putIfAbsent(deadHash, "writer " + dead.path("writer").asText() + " seq "
                    + dead.path("seq").asLong() + " (dead-lettered)");
        } else if (AuditEvent.UNCLEAN_STOP.equals(kind)) {
            JsonNode stop = record.path("unclean_stop");
            long missing = stop.path("requests_without_record").asLong();
            requestsWithoutRecord += missing;
            losses.add(location + " (writer " + writer + " seq " + seq + "): "
                    + (stop.hasNonNull("previous_writer")
                        ? "writer " + stop.path("previous_writer").asText() + " did not stop cleanly after seq "
                                + stop.path("previous_seq").asLong()
                        : "the previous writer did not stop cleanly")
                    + ": " + missing + " request(s) begun under it have no record ("
                    + stop.path("refusals_not_summarised").asLong() + " of them refused before a tenant was known)");
        }
    }

    /** One line of the region's dead-letter file ({@code dead-letter.jsonl}). */
    public void acceptDeadLetter(String location, String line) {
        deadLettersRead = true;
        JsonNode parsed;
        try {
            parsed = AuditJson.parse(line);
        } catch (JsonProcessingException e) {
            unreadable.add(location + ": not JSON");
            return;
        }
        JsonNode record = AuditDeadLetters.recordOf(parsed);
        if (record == null || !hasChain(record)) {
            unreadable.add(location + ": not a dead-lettered audit record");
            return;
        }
        JsonNode chain = record.get("chain");
        String writer = chain.get("writer").asText();
        long seq = chain.get("seq").asLong();
        String hash = chain.get("hash").asText();
        if (!AuditJson.hashOf(record).equals(hash)) {
            altered.add(location + " (dead-lettered, writer " + writer + " seq " + seq + "): its content does not match its hash");
        }
        deadLetterFile.computeIfAbsent(writer, w -> new HashMap<>())
                .put(seq, new Seen(hash, chain.path("prev").asText(null), location, -1, new int[] {-1}));
        knownHashes.putIfAbsent(hash, "writer " + writer + " seq " + seq + " (dead-lettered)");
    }

    private JsonNode parse(String location, String json) {
        JsonNode record;
        try {
            record = AuditJson.parse(json);
        } catch (JsonProcessingException e) {
            unreadable.add(location + ": not JSON");
            return null;
        }
        if (!hasChain(record)) {
            unreadable.add(location + ": not an audit record with a chain");
            return null;
        }
        return record;
    }

    private static boolean hasChain(JsonNode record) {
        JsonNode chain = record.path("chain");
        return record.isObject() && chain.isObject() && chain.path("writer").isTextual()
                && chain.path("seq").canConvertToLong() && chain.path("hash").isTextual();
    }

    private static String idOf(JsonNode record) {
        if (record.hasNonNull("request_id")) {
            return record.path("request_id").asText();
        }
        return record.path("event_id").asText("?");
    }

    private static String describeId(JsonNode record, String id) {
        return record.has("kind") && !record.hasNonNull("request_id")
                ? record.path("kind").asText() + " " + id
                : "request " + id;
    }

    public AuditTrailReport report() {
        List<String> gaps = new ArrayList<>();
        List<String> chainBreaks = new ArrayList<>(breaks);
        List<String> deadLettered = new ArrayList<>();
        List<String> unlinked = new ArrayList<>();
        List<String> chains = new ArrayList<>();
        writers.forEach((writer, trail) -> {
            Map<Long, Marker> named = markers.getOrDefault(writer, Map.of());
            Map<Long, Seen> kept = deadLetterFile.getOrDefault(writer, Map.of());
            long expected = 1;
            for (Map.Entry<Long, Seen> entry : trail.bySeq.entrySet()) {
                long seq = entry.getKey();
                long missingFrom = -1;
                for (long absent = expected; absent < seq; absent++) {
                    if (named.containsKey(absent) || kept.containsKey(absent)) {
                        deadLettered.add(deadLetterFinding(writer, absent, named.get(absent), kept.get(absent),
                                trail, chainBreaks));
                        if (missingFrom >= 0) {
                            gaps.add(gap(writer, trail, missingFrom, absent - 1, entry.getValue()));
                            missingFrom = -1;
                        }
                    } else if (missingFrom < 0) {
                        missingFrom = absent;
                    }
                }
                if (missingFrom >= 0) {
                    gaps.add(gap(writer, trail, missingFrom, seq - 1, entry.getValue()));
                }
                expected = seq + 1;
                Seen seen = entry.getValue();
                if (seq == 1) {
                    chains.add(firstLink(writer, seen, unlinked));
                    continue;
                }
                String wanted = predecessorHash(trail, named, kept, seq - 1);
                if (wanted != null && !wanted.equals(seen.prev())) {
                    chainBreaks.add(seen.location() + " (writer " + writer + " seq " + seq
                            + "): prev does not match the hash of seq " + (seq - 1));
                }
            }
            // dead-lettered records after the last one read (a marker names them further on)
            for (Map.Entry<Long, Marker> marker : named.entrySet()) {
                if (marker.getKey() >= expected) {
                    deadLettered.add(deadLetterFinding(writer, marker.getKey(), marker.getValue(),
                            kept.get(marker.getKey()), trail, chainBreaks));
                }
            }
        });
        markers.forEach((writer, named) -> {
            if (!writers.containsKey(writer)) {
                named.forEach((seq, marker) -> deadLettered.add(deadLetterFinding(writer, seq, marker,
                        deadLetterFile.getOrDefault(writer, Map.of()).get(seq), new WriterTrail(), chainBreaks)));
            }
        });
        return new AuditTrailReport(records, writers.size(), altered, chainBreaks, gaps, reordered(), duplicates,
                unreadable, unlinked, deadLettered, losses, requestsWithoutRecord, chains);
    }

    private static String gap(String writer, WriterTrail trail, long from, long to, Seen before) {
        Seen after = trail.bySeq.get(from - 1);
        return "writer " + writer + ": " + range(from, to) + " missing"
                + (from == 1 ? " at the start" : after != null ? " after " + after.location() : "")
                + ", before " + before.location();
    }

    private static String predecessorHash(WriterTrail trail, Map<Long, Marker> named, Map<Long, Seen> kept, long seq) {
        Seen before = trail.bySeq.get(seq);
        if (before != null) {
            return before.hash();
        }
        if (named.containsKey(seq)) {
            return named.get(seq).hash();
        }
        return kept.containsKey(seq) ? kept.get(seq).hash() : null;
    }

    private String deadLetterFinding(String writer, long seq, Marker marker, Seen kept, WriterTrail trail,
                                     List<String> chainBreaks) {
        StringBuilder finding = new StringBuilder("writer ").append(writer).append(" seq ").append(seq);
        if (marker != null) {
            finding.append(" (request ").append(marker.recordId()).append("): refused for good by the audit endpoint (")
                    .append(marker.reason()).append("); named by ").append(marker.location());
        } else {
            finding.append(": in the dead-letter file, named by no marker on this trail");
        }
        if (kept != null) {
            finding.append("; kept in ").append(kept.location());
            if (marker != null && !marker.hash().equals(kept.hash())) {
                chainBreaks.add(kept.location() + " (dead-lettered, writer " + writer + " seq " + seq
                        + "): not the record its marker " + marker.location() + " names");
            }
            String wanted = seq == 1 ? null : predecessorHash(trail, Map.of(), Map.of(), seq - 1);
            if (wanted != null && !wanted.equals(kept.prev())) {
                chainBreaks.add(kept.location() + " (dead-lettered, writer " + writer + " seq " + seq
                        + "): prev does not match the hash of seq " + (seq - 1));
            }
        } else if (deadLettersRead) {
            chainBreaks.add("writer " + writer + " seq " + seq + ": dead-lettered by " + marker.location()
                    + ", but not in the dead-letter file read");
        }
        return finding.toString();
    }

    /**
     * How a writer's chain begins: at genesis, or linked to a record of the trail. A writer whose
     * first record links to a record that is nowhere is unlinked, unless it is the one the trail
     * begins with (what came before it was never in this trail, or is past the topic's retention).
     */
    private String firstLink(String writer, Seen first, List<String> unlinked) {
        if (AuditChain.GENESIS.equals(first.prev())) {
            return "writer " + writer + " starts a new chain at " + first.location();
        }
        String predecessor = knownHashes.get(first.prev());
        if (predecessor != null) {
            return "writer " + writer + " continues " + predecessor + " at " + first.location();
        }
        if (first.first() == earliestFirstRecord()) {
            return "the trail begins with writer " + writer + " at " + first.location()
                    + ", continuing a record that is not in it (an earlier trail, or past its retention)";
        }
        unlinked.add(first.location() + " (writer " + writer + " seq 1): links to a record that is not in the "
                + "trail (prev " + first.prev() + "); the writers in between are missing");
        return "writer " + writer + " links to a record not in the trail";
    }

    /** The read position of the first of the writers' first records. */
    private int earliestFirstRecord() {
        return writers.values().stream().map(trail -> trail.bySeq.get(1L)).filter(java.util.Objects::nonNull)
                .mapToInt(Seen::first).min().orElse(Integer.MAX_VALUE);
    }

    /**
     * Records read after a higher seq of their writer, both as first copies and as last copies:
     * a lone late duplicate (its first copy was in order) and a record re-delivered with every
     * record after it (its last copy is in order) are not reordered.
     */
    private List<String> reordered() {
        java.util.Set<String> outOfOrderFirst = new java.util.HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        for (Copy copy : copies) {
            Seen seen = writers.get(copy.writer()).bySeq.get(copy.seq());
            if (seen == null || seen.first() != copy.index()) {
                continue;
            }
            long top = highest.getOrDefault(copy.writer(), 0L);
            if (copy.seq() < top) {
                outOfOrderFirst.add(copy.writer() + "#" + copy.seq());
            }
            highest.put(copy.writer(), Math.max(top, copy.seq()));
        }
        List<String> found = new ArrayList<>();
        highest.clear();
        for (Copy copy : copies) {
            Seen seen = writers.get(copy.writer()).bySeq.get(copy.seq());
            if (seen == null || seen.lastCopy()[0] != copy.index()) {
                continue;
            }
            long top = highest.getOrDefault(copy.writer(), 0L);
            if (copy.seq() < top && outOfOrderFirst.contains(copy.writer() + "#" + copy.seq())) {
                found.add(copy.location() + " (writer " + copy.writer() + " seq " + copy.seq() + "): read after seq " + top);
            }
            highest.put(copy.writer(), Math.max(top, copy.seq()));
        }
        return found;
    }

    private static String range(long from, long to) {
        return from == to ? "seq " + from : "seq " + from + ".." + to;
    }
}
