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
 * Checks an audit trail as it was read (a journal file, a Kafka partition) against the hash
 * chains of its writers. Feed it every record in the order read, then ask for the
 * {@link AuditTrailReport}:
 * <ul>
 *   <li><b>altered</b>: a record whose hash does not match its content;</li>
 *   <li><b>break</b>: a record whose {@code prev} is not the hash of its writer's record before it
 *       (an altered or replaced predecessor), or two different records with the same sequence number;</li>
 *   <li><b>gap</b>: sequence numbers of a writer that never appear (deleted records);</li>
 *   <li><b>reordered</b>: a record read after one with a higher sequence number of the same writer;</li>
 *   <li><b>duplicate</b>: an identical copy of a record already read (at-least-once delivery leaves
 *       these; consumers drop them by request id). Reported, not a failure;</li>
 *   <li><b>unreadable</b>: a line that is not an audit record.</li>
 * </ul>
 * Records cut from the end of a trail leave no trace in the chain itself; anchoring the last hash
 * elsewhere is what finds those.
 */
public final class AuditTrailVerifier {

    private final Map<String, WriterTrail> writers = new LinkedHashMap<>();
    private final List<String> altered = new ArrayList<>();
    private final List<String> breaks = new ArrayList<>();
    private final List<String> reordered = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final Map<String, String> requestIds = new HashMap<>();
    private long records;

    private static final class WriterTrail {
        final TreeMap<Long, Seen> bySeq = new TreeMap<>();
        long highest;
    }

    private record Seen(String hash, String prev, String location) {
    }

    /** One record as read; {@code location} names where (file:line, partition@offset). */
    public void accept(String location, String json) {
        JsonNode record;
        try {
            record = AuditJson.parse(json);
        } catch (JsonProcessingException e) {
            unreadable.add(location + ": not JSON");
            return;
        }
        JsonNode chain = record.path("chain");
        if (!record.isObject() || !chain.isObject() || !chain.path("writer").isTextual()
                || !chain.path("seq").canConvertToLong() || !chain.path("hash").isTextual()) {
            unreadable.add(location + ": not an audit record with a chain");
            return;
        }
        records++;
        String writer = chain.get("writer").asText();
        long seq = chain.get("seq").asLong();
        String hash = chain.get("hash").asText();
        String prev = chain.path("prev").asText(null);
        String requestId = record.path("request_id").asText("?");
        String name = location + " (writer " + writer + " seq " + seq + ", request " + requestId + ")";

        if (!AuditJson.hashOf(record).equals(hash)) {
            altered.add(name + ": its content does not match its hash");
        }
        WriterTrail trail = writers.computeIfAbsent(writer, w -> new WriterTrail());
        Seen earlier = trail.bySeq.get(seq);
        if (earlier != null) {
            if (earlier.hash().equals(hash) && AuditJson.hashOf(record).equals(hash)) {
                duplicates.add(name + ": a copy of " + earlier.location());
            } else {
                breaks.add(name + ": a different record than " + earlier.location() + " with the same seq");
            }
            return;
        }
        if (seq < trail.highest) {
            reordered.add(name + ": read after seq " + trail.highest);
        }
        trail.highest = Math.max(trail.highest, seq);
        trail.bySeq.put(seq, new Seen(hash, prev, location));
        String other = requestIds.putIfAbsent(requestId, name);
        if (other != null) {
            breaks.add(name + ": request id already audited by " + other);
        }
    }

    public AuditTrailReport report() {
        List<String> gaps = new ArrayList<>();
        List<String> chainBreaks = new ArrayList<>(breaks);
        writers.forEach((writer, trail) -> {
            long expected = 1;
            for (Map.Entry<Long, Seen> entry : trail.bySeq.entrySet()) {
                long seq = entry.getKey();
                if (seq > expected) {
                    gaps.add("writer " + writer + ": " + range(expected, seq - 1) + " missing"
                            + (expected == 1 ? " at the start" : " after " + trail.bySeq.get(expected - 1).location())
                            + ", before " + entry.getValue().location());
                }
                expected = seq + 1;
                String wanted = seq == 1 ? AuditChain.GENESIS
                        : trail.bySeq.containsKey(seq - 1) ? trail.bySeq.get(seq - 1).hash() : null;
                if (wanted != null && !wanted.equals(entry.getValue().prev())) {
                    chainBreaks.add(entry.getValue().location() + " (writer " + writer + " seq " + seq
                            + "): prev does not match the hash of seq " + (seq - 1));
                }
            }
        });
        return new AuditTrailReport(records, writers.size(), altered, chainBreaks, gaps, reordered, duplicates,
                unreadable);
    }

    private static String range(long from, long to) {
        return from == to ? "seq " + from : "seq " + from + ".." + to;
    }
}
