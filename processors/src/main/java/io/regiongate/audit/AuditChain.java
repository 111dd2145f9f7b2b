package io.regiongate.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One writer's hash chain. Each record gets the writer's name, the next sequence number, the hash
 * of the writer's previous record and its own hash over its canonical JSON ({@link AuditJson}).
 * A record that is missing, altered or out of order then breaks the chain where it stood.
 *
 * <p>Not thread-safe by design: records must be chained in the order they are delivered, so one
 * thread (the audit writer route's single consumer) does both.
 */
public final class AuditChain {

    /** {@code prev} of a writer's first record. */
    public static final String GENESIS = "0".repeat(64);

    private final String writer;
    private long seq;
    private String last = GENESIS;

    public AuditChain(String writer) {
        this.writer = writer;
    }

    public String writer() {
        return writer;
    }

    /** The record with its chain link, and its JSON: the exact text that is delivered. */
    public Linked link(AuditRecord record) {
        long nextSeq = seq + 1;
        ObjectNode tree = AuditJson.toTree(record.withChain(new AuditRecord.ChainLink(writer, nextSeq, last, null)));
        String hash = AuditJson.hashOf(tree);
        AuditRecord linked = record.withChain(new AuditRecord.ChainLink(writer, nextSeq, last, hash));
        seq = nextSeq;
        last = hash;
        return new Linked(linked, AuditJson.toJson(linked));
    }

    /** A chained record and its JSON. */
    public record Linked(AuditRecord record, String json) {

        public String requestId() {
            return record.requestId();
        }
    }
}
