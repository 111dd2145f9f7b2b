package io.regiongate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The region-local file of records the audit endpoint refused for good ({@value #FILE}, next to
 * the spool), one JSON object per line: {@code {"dead_lettered_at", "reason", "record"}} where
 * {@code record} is the refused record exactly as it was linked (its chain hash verifies), so
 * that {@code audit verify --dead-letters} can check it against the trail. Each line is forced to
 * disk before the trail moves on.
 */
public final class AuditDeadLetters implements AutoCloseable {

    public static final String FILE = "dead-letter.jsonl";

    private final AuditJournal journal;
    private final AtomicLong count = new AtomicLong();

    public AuditDeadLetters(Path directory) {
        this.journal = new AuditJournal(directory.resolve(FILE));
    }

    /** Keeps a refused record, forced to disk. @return how many records this process dead-lettered */
    public long keep(String recordJson, String reason, Instant at) throws IOException {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("dead_lettered_at", at.toString());
        line.put("reason", reason);
        line.set("record", AuditJson.parse(recordJson));
        journal.append(line.toString());
        return count.incrementAndGet();
    }

    /** The refused record of a dead-letter line, or null when the line is not one. */
    public static JsonNode recordOf(JsonNode line) {
        JsonNode record = line.get("record");
        return record != null && record.isObject() ? record : null;
    }

    /** Records this process dead-lettered. */
    public long count() {
        return count.get();
    }

    public Path file() {
        return journal.file();
    }

    @Override
    public void close() {
        journal.close();
    }
}
