package io.regiongate.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One writer's hash chain. Each entry gets the writer's name, the next sequence number, the hash
 * of the writer's previous entry and its own hash over its canonical JSON ({@link AuditJson}).
 * An entry that is missing, altered or out of order then breaks the chain where it stood.
 *
 * <p>A writer's first entry links to the last entry its predecessor in the same audit directory
 * wrote (when one did), so that the chain runs on across restarts; the very first writer's first
 * entry links to {@link #GENESIS}.
 *
 * <p>Not thread-safe: entries must be linked in the order they are delivered, so the audit
 * writer links and hands on each one under one lock.
 */
public final class AuditChain {

    /** {@code prev} of the first entry of a trail. */
    public static final String GENESIS = "0".repeat(64);

    private final String writer;
    private long seq;
    private String last;

    public AuditChain(String writer) {
        this(writer, null);
    }

    /** @param previous the last entry its predecessor wrote, or null when there was none */
    public AuditChain(String writer, AuditRecord.ChainLink previous) {
        this.writer = writer;
        this.last = previous == null ? GENESIS : previous.hash();
    }

    public String writer() {
        return writer;
    }

    /** The entry with its chain link, and its JSON: the exact text that is delivered. */
    public Linked link(AuditEntry entry) {
        long nextSeq = seq + 1;
        ObjectNode tree = AuditJson.toTree(entry.withChain(new AuditRecord.ChainLink(writer, nextSeq, last, null)));
        String hash = AuditJson.hashOf(tree);
        AuditEntry linked = entry.withChain(new AuditRecord.ChainLink(writer, nextSeq, last, hash));
        seq = nextSeq;
        last = hash;
        return new Linked(linked, AuditJson.toJson(linked));
    }

    /** A chained entry and its JSON. */
    public record Linked(AuditEntry entry, String json) {

        /** The request id (or event id) consumers drop duplicates by. */
        public String id() {
            return entry.id();
        }

        public AuditRecord.ChainLink link() {
            return entry.chain();
        }
    }
}
