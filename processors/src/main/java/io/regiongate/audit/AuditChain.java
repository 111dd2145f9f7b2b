package io.regiongate.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One writer's chain. Each entry gets the writer's name, the next sequence number, the hash of
 * the writer's previous entry and its own hash over its canonical JSON (RFC 8785, {@link AuditJson}):
 * plain SHA-256, or, with the region's chain key ({@link AuditChainKey}), HMAC-SHA256 under it,
 * so that only the key's holder can compute a link. An entry that is missing, altered or out of
 * order then breaks the chain where it stood. With {@link AuditCheckpoints} the chain also signs
 * the checkpoints it is asked for ({@link AuditEvent#checkpointRequest}) over what it linked.
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
    private final AuditChainKey key;
    private final AuditCheckpoints checkpoints;
    private long seq;
    private String last;

    public AuditChain(String writer) {
        this(writer, null);
    }

    /** @param previous the last entry its predecessor wrote, or null when there was none */
    public AuditChain(String writer, AuditRecord.ChainLink previous) {
        this(writer, previous, null, null);
    }

    /**
     * @param key         the region's chain key; null: plain SHA-256 links
     * @param checkpoints signs checkpoints; null: the writer signs none
     */
    public AuditChain(String writer, AuditRecord.ChainLink previous, AuditChainKey key, AuditCheckpoints checkpoints) {
        this.writer = writer;
        this.last = previous == null ? GENESIS : previous.hash();
        this.key = key;
        this.checkpoints = checkpoints;
    }

    public String writer() {
        return writer;
    }

    /** The checkpoints this chain signs; null when it signs none. */
    public AuditCheckpoints checkpoints() {
        return checkpoints;
    }

    /** The entry with its chain link, and its JSON (RFC 8785 canonical form): the exact text that is delivered. */
    public Linked link(AuditEntry entry) {
        long nextSeq = seq + 1;
        if (entry instanceof AuditEvent event && event.isCheckpointRequest()) {
            if (checkpoints == null) {
                throw new IllegalStateException("a checkpoint was asked of a chain without a signing key");
            }
            entry = checkpoints.sign(event, writer, seq, last);
        }
        AuditRecord.ChainLink unhashed = key == null
                ? new AuditRecord.ChainLink(writer, nextSeq, last, null)
                : new AuditRecord.ChainLink(writer, nextSeq, last, null, AuditChainKey.ALGORITHM, key.keyId());
        ObjectNode tree = AuditJson.toTree(entry.withChain(unhashed));
        String canonical = AuditJson.jcs(tree);
        String hash = key == null ? AuditJson.sha256Hex(canonical) : key.chainHmac(canonical);
        ((ObjectNode) tree.get("chain")).put("hash", hash);
        String json = AuditJson.jcs(tree);
        if (checkpoints != null) {
            checkpoints.observe(json);
        }
        seq = nextSeq;
        last = hash;
        return new Linked(entry.withChain(unhashed.withHash(hash)), json);
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
