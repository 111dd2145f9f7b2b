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
 *   <li><b>unreadable</b>: a line that is not an audit record, or a record that holds a key twice
 *       in one object (readers that keep the first and readers that keep the last copy would see two
 *       different records);</li>
 *   <li><b>checkpoint</b>: a signed checkpoint whose signature does not verify under the public
 *       keys given, that names a key not among them, that does not cover the records right before
 *       it, or whose {@code last_hash} is not the hash of the record it names; a range of records
 *       that is not what its checkpoint's digest says is <b>altered</b>;</li>
 *   <li><b>tail</b>: a writer with checkpoints whose records end without its last checkpoint (a
 *       clean stop writes one), that no later writer continues, and whose last checkpoint is older
 *       than twice the interval it declared: its tail was cut (or it was killed and never
 *       restarted); with public keys given, also a writer that has no checkpoint at all;</li>
 *   <li><b>unkeyed</b>: with chain keys given, a record chained with plain SHA-256 (anyone could
 *       have recomputed it); without any key, a keyed record, which cannot be checked.</li>
 * </ul>
 * Reported without failing: <b>duplicate</b> (an identical copy; delivery is at least once),
 * <b>dead-lettered</b> (a record the endpoint refused for good, named by a marker on the trail and
 * kept in the dead-letter file), <b>loss</b> (an {@code unclean_stop} record: how many requests a
 * killed writer left without a record) and <b>chain</b> (how each writer's chain begins).
 * Records cut from the very end of a trail leave no trace in the chain itself; the next writer's
 * link, or the checkpoints (above), are what find those.
 *
 * <p>Keys: keyed links ({@code chain.alg} {@value AuditChainKey#ALGORITHM}) are checked with the
 * region's chain keys when given (by {@code chain.key}); checkpoints' signatures with the public
 * keys when given. An auditor holding only a public key checks every record up to each writer's
 * last checkpoint through the signed digests.
 */
public final class AuditTrailVerifier {

    private final Map<String, AuditChainKey> chainKeys = new HashMap<>();
    private final AuditPublicKeys publicKeys;
    private final java.time.Clock clock;
    /** Per writer: keyed records that could not be checked (no chain key), plain records where keys were given. */
    private final Map<String, Long> keyedUnchecked = new LinkedHashMap<>();
    private final Map<String, String> keyedUncheckedKey = new HashMap<>();
    private final Map<String, Long> plainWhenKeyed = new LinkedHashMap<>();
    private final Map<String, TreeMap<Long, CheckpointSeen>> checkpoints = new HashMap<>();

    /** A checkpoint as read: its details, the text its signature is over, and when it was made. */
    private record CheckpointSeen(long seq, String location, JsonNode detail, String signedText, java.time.Instant at) {
    }

    /** Verifies plain links and the checkpoints' digests; keyed links and signatures are not checked. */
    public AuditTrailVerifier() {
        this(List.of(), AuditPublicKeys.none(), java.time.Clock.systemUTC());
    }

    /**
     * @param chainKeys  the region's chain keys (the current one and those rotated out) for keyed links
     * @param publicKeys the writers' Ed25519 public keys for the checkpoints' signatures
     * @param clock      now, to tell a running writer's unsigned tail from a cut one
     */
    public AuditTrailVerifier(List<AuditChainKey> chainKeys, AuditPublicKeys publicKeys, java.time.Clock clock) {
        chainKeys.forEach(key -> this.chainKeys.put(key.keyId(), key));
        this.publicKeys = publicKeys;
        this.clock = clock;
    }

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

    /**
     * A record's first copy (where, and its read position) and the read position of its last copy;
     * {@code whole}: the SHA-256 of its whole canonical form, what checkpoint digests are made of.
     */
    private record Seen(String hash, String prev, String location, int first, int[] lastCopy, String whole) {
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
        Boolean linkIntact = checkLink(record, chain, writer);
        boolean intact = !Boolean.FALSE.equals(linkIntact);
        if (!intact) {
            altered.add(name + ": its content does not match its "
                    + (AuditChainKey.ALGORITHM.equals(chain.path("alg").asText(null)) ? "HMAC" : "hash"));
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
        trail.bySeq.put(seq, new Seen(hash, prev, location, index, new int[] {index}, wholeHash(record)));
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
        } else if (AuditEvent.CHECKPOINT.equals(kind)) {
            acceptCheckpoint(writer, seq, location, record);
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

    /**
     * Whether a record's link matches its content: plain SHA-256, or the HMAC under the chain key it
     * names. Null when it cannot be told (a keyed record whose key was not given).
     */
    private Boolean checkLink(JsonNode record, JsonNode chain, String writer) {
        String alg = chain.path("alg").asText(null);
        String hash = chain.get("hash").asText();
        if (alg == null) {
            if (!chainKeys.isEmpty()) {
                plainWhenKeyed.merge(writer, 1L, Long::sum);
            }
            return AuditJson.hashOf(record).equals(hash);
        }
        if (!AuditChainKey.ALGORITHM.equals(alg)) {
            return false;
        }
        AuditChainKey key = chainKeys.get(chain.path("key").asText(""));
        if (key == null) {
            keyedUnchecked.merge(writer, 1L, Long::sum);
            keyedUncheckedKey.putIfAbsent(writer, chain.path("key").asText("?"));
            return null;
        }
        return key.chainHmac(AuditJson.canonical(record)).equals(hash);
    }

    private static String wholeHash(JsonNode record) {
        return AuditJson.sha256Hex(AuditJson.jcs(record));
    }

    private void acceptCheckpoint(String writer, long seq, String location, JsonNode record) {
        JsonNode signed = record.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) signed).remove("chain");
        if (signed.get("checkpoint") instanceof com.fasterxml.jackson.databind.node.ObjectNode detail) {
            detail.remove("signature");
        }
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(record.path("at").asText());
        } catch (java.time.format.DateTimeParseException e) {
            at = java.time.Instant.EPOCH;
        }
        checkpoints.computeIfAbsent(writer, w -> new TreeMap<>())
                .put(seq, new CheckpointSeen(seq, location, record.path("checkpoint"), AuditJson.jcs(signed), at));
    }

    /** One line of the region's dead-letter file ({@code dead-letter.jsonl}). */
    public void acceptDeadLetter(String location, String line) {
        deadLettersRead = true;
        JsonNode parsed;
        try {
            parsed = AuditJson.parseStrict(line);
        } catch (JsonProcessingException e) {
            unreadable.add(location + unparsable(line, e));
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
        if (Boolean.FALSE.equals(checkLink(record, chain, writer))) {
            altered.add(location + " (dead-lettered, writer " + writer + " seq " + seq + "): its content does not match its hash");
        }
        deadLetterFile.computeIfAbsent(writer, w -> new HashMap<>())
                .put(seq, new Seen(hash, chain.path("prev").asText(null), location, -1, new int[] {-1}, wholeHash(record)));
        knownHashes.putIfAbsent(hash, "writer " + writer + " seq " + seq + " (dead-lettered)");
    }

    private JsonNode parse(String location, String json) {
        JsonNode record;
        try {
            record = AuditJson.parseStrict(json);
        } catch (JsonProcessingException e) {
            unreadable.add(location + unparsable(json, e));
            return null;
        }
        if (!hasChain(record)) {
            unreadable.add(location + ": not an audit record with a chain");
            return null;
        }
        return record;
    }

    /** Why a line is not a record: not JSON, or a key twice in one object (named, with the record's place when it shows). */
    private static String unparsable(String json, JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field")) {
            return ": not JSON";
        }
        String where = "";
        try {
            JsonNode lenient = AuditJson.parse(json);
            if (hasChain(lenient)) {
                where = " (writer " + lenient.path("chain").path("writer").asText() + " seq "
                        + lenient.path("chain").path("seq").asLong() + ")";
            }
        } catch (JsonProcessingException ignored) {
            // named by its location alone
        }
        return where + ": " + message.replace("Duplicate field", "duplicate key")
                + " in one object; a record must hold each key once (readers that keep the first and readers that "
                + "keep the last copy would see different records)";
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
        List<String> alteredRanges = new ArrayList<>(altered);
        List<String> checkpointFindings = new ArrayList<>();
        List<String> tails = new ArrayList<>();
        List<String> unkeyed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> writerOfHash = new HashMap<>();
        writers.forEach((writer, trail) -> trail.bySeq.values().forEach(seen -> writerOfHash.put(seen.hash(), writer)));
        java.util.Set<String> continued = new java.util.HashSet<>();
        writers.forEach((writer, trail) -> {
            Seen first = trail.bySeq.get(1L);
            String predecessor = first == null ? null : writerOfHash.get(first.prev());
            if (predecessor != null && !predecessor.equals(writer)) {
                continued.add(predecessor);
            }
        });
        writers.forEach((writer, trail) -> checkCheckpoints(writer, trail, deadLetterFile.getOrDefault(writer, Map.of()),
                continued, alteredRanges, checkpointFindings, tails, notes));
        plainWhenKeyed.forEach((writer, count) -> unkeyed.add("writer " + writer + ": " + count + " record(s) chained "
                + "with plain SHA-256, not under a chain key: anyone who can write the trail could have recomputed them"));
        keyedUnchecked.forEach((writer, count) -> {
            String text = "writer " + writer + ": " + count + " record(s) keyed under chain key "
                    + keyedUncheckedKey.get(writer);
            if (publicKeys.isEmpty()) {
                unkeyed.add(text + ", which was not given: give it (--chain-key-env), or the public key of the "
                        + "writers' checkpoints (--public-key)");
            } else {
                notes.add(text + " not checked link by link (no chain key given); checked through the signed checkpoints");
            }
        });
        return new AuditTrailReport(records, writers.size(), alteredRanges, chainBreaks, gaps, reordered(), duplicates,
                unreadable, unlinked, deadLettered, losses, requestsWithoutRecord, chains, checkpointFindings, tails,
                unkeyed, notes);
    }

    /**
     * A writer's checkpoints: each covers the records right before it since the previous one, its
     * digest matches them, its signature verifies (with public keys given); and the writer's
     * records end with its last checkpoint, or a later writer continues them, or its last
     * checkpoint is recent enough for a writer that still runs.
     */
    /** @param continued the writers a later writer links to (a killed writer's successor may link to a record short of its last) */
    private void checkCheckpoints(String writer, WriterTrail trail, Map<Long, Seen> kept, java.util.Set<String> continued,
                                  List<String> alteredRanges, List<String> findings, List<String> tails,
                                  List<String> notes) {
        TreeMap<Long, CheckpointSeen> own = checkpoints.getOrDefault(writer, new TreeMap<>());
        long expectedFirst = 1;
        int signed = 0;
        for (CheckpointSeen checkpoint : own.values()) {
            JsonNode detail = checkpoint.detail();
            String name = checkpoint.location() + " (writer " + writer + " seq " + checkpoint.seq() + ", checkpoint)";
            long first = detail.path("first_seq").asLong(-1);
            long last = detail.path("last_seq").asLong(-1);
            if (!writer.equals(detail.path("writer").asText()) || first != expectedFirst || last != checkpoint.seq() - 1) {
                findings.add(name + ": covers writer " + detail.path("writer").asText() + " " + range(first, last)
                        + ", not the records before it (" + range(expectedFirst, checkpoint.seq() - 1) + ")");
            }
            expectedFirst = checkpoint.seq();
            if (!publicKeys.isEmpty()) {
                String keyId = detail.path("key_id").asText();
                java.util.Optional<java.security.PublicKey> key = publicKeys.byId(keyId);
                if (key.isEmpty()) {
                    findings.add(name + ": signed by key " + keyId + ", which is not among the public keys given");
                } else if (!AuditPublicKeys.verifies(key.get(), checkpoint.signedText(), detail.path("signature").asText())) {
                    findings.add(name + ": its signature does not verify: the checkpoint was forged or altered");
                } else {
                    signed++;
                }
            }
            String lastHash = detail.path("last_hash").asText();
            Seen named = last == 0 ? null : seenAt(trail, kept, last);
            String actual = last == 0 ? trail.bySeq.get(checkpoint.seq()).prev() : named == null ? null : named.hash();
            if (actual != null && !actual.equals(lastHash)) {
                findings.add(name + ": signs " + (last == 0 ? "the link to the previous writer" : "seq " + last)
                        + " as " + lastHash + ", but the trail holds " + actual);
            }
            java.security.MessageDigest digest = AuditJson.sha256();
            boolean complete = first >= 1;
            for (long seq = first; complete && seq <= last; seq++) {
                Seen seen = seenAt(trail, kept, seq);
                if (seen == null) {
                    complete = false;
                } else {
                    digest.update((seen.whole() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
            }
            if (complete && !java.util.HexFormat.of().formatHex(digest.digest()).equals(detail.path("digest").asText())) {
                alteredRanges.add("writer " + writer + " " + range(first, last) + ": not the records the checkpoint "
                        + name + " signed (its digest differs): a record in this range was altered or replaced, "
                        + "its link recomputed");
            }
        }
        if (trail.bySeq.isEmpty() || (own.isEmpty() && publicKeys.isEmpty())) {
            return;
        }
        long lastSeq = trail.bySeq.lastKey();
        Seen lastSeen = trail.bySeq.get(lastSeq);
        CheckpointSeen lastCheckpoint = own.isEmpty() ? null : own.lastEntry().getValue();
        boolean endsWithLast = lastCheckpoint != null && lastCheckpoint.seq() == lastSeq
                && lastCheckpoint.detail().path("last").asBoolean(false);
        if (!publicKeys.isEmpty()) {
            notes.add("writer " + writer + ": " + signed + " of " + own.size() + " checkpoint(s) verified with the public key"
                    + (lastCheckpoint == null ? "" : "; seq 1.." + (lastCheckpoint.seq() - 1) + " covered by them"));
        }
        if (endsWithLast || continued.contains(writer)) {
            return;
        }
        if (lastCheckpoint == null) {
            tails.add("writer " + writer + ": no signed checkpoint in its " + trail.bySeq.size() + " record(s), and no "
                    + "later writer continues it (last record " + lastSeen.location() + ")");
            return;
        }
        long interval = Math.max(1, lastCheckpoint.detail().path("interval_seconds").asLong(1));
        java.time.Duration since = java.time.Duration.between(lastCheckpoint.at(), clock.instant());
        if (since.compareTo(java.time.Duration.ofSeconds(2 * interval)) > 0) {
            tails.add("writer " + writer + ": its records end at seq " + lastSeq + " (" + lastSeen.location()
                    + ") without its last checkpoint, no later writer continues them, and its last checkpoint (seq "
                    + lastCheckpoint.seq() + " at " + lastCheckpoint.location() + ", " + lastCheckpoint.at()
                    + ") is older than twice its interval (" + interval + " s): records after seq "
                    + lastCheckpoint.seq() + " were cut (or the writer was killed and never restarted)");
        } else if (lastSeq > lastCheckpoint.seq()) {
            notes.add("writer " + writer + " is running: " + range(lastCheckpoint.seq() + 1, lastSeq)
                    + " not signed yet (last checkpoint " + lastCheckpoint.at() + ")");
        }
    }

    private static Seen seenAt(WriterTrail trail, Map<Long, Seen> kept, long seq) {
        Seen seen = trail.bySeq.get(seq);
        return seen != null ? seen : kept.get(seq);
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
