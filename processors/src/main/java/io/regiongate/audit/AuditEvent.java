package io.regiongate.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A record of the audit trail about itself, chained like a request's record: consumers tell it
 * from a request's record by its {@code kind} (a request's record has none) and drop duplicates
 * by its {@code event_id}. Exactly one of the detail fields is set, named after the kind:
 * <ul>
 *   <li>{@value #DEAD_LETTER}: a record the audit endpoint refused for good was moved to the
 *       region-local dead-letter file; names its writer, seq, hash and request id, so that the
 *       chain shows no silent gap;</li>
 *   <li>{@value #UNCLEAN_STOP}: the first record of a writer whose predecessor did not stop
 *       cleanly; says how many requests begun under it have no record;</li>
 *   <li>{@value #REFUSALS}: requests refused before a tenant was known (missing or invalid key),
 *       counted per reason over an interval instead of one record each;</li>
 *   <li>{@value #ADMIN_READ}: a read of the admin listener ({@code /admin/*}, {@code /metrics}),
 *       allowed or refused: the path and the status, never the token;</li>
 *   <li>{@value #CHECKPOINT}: the writer's signed statement of the records it wrote since its
 *       previous checkpoint ({@link Checkpoint});</li>
 *   <li>{@value #CONFIG_RELOAD}: the configuration read again, applied or refused
 *       ({@link ConfigReload}): which settings changed, and the SHA-256 of the files read.</li>
 * </ul>
 *
 * @param schemaVersion {@link AuditRecord#SCHEMA_VERSION}
 * @param kind          {@value #DEAD_LETTER}, {@value #UNCLEAN_STOP}, {@value #REFUSALS}, {@value #ADMIN_READ}, {@value #CHECKPOINT} or {@value #CONFIG_RELOAD}
 * @param eventId       {@code evt_<32 hex>}, unique
 * @param at            when the event was recorded (ISO-8601 UTC)
 * @param region        the region whose trail this is
 */
public record AuditEvent(
        int schemaVersion,
        String kind,
        String eventId,
        String at,
        String region,
        DeadLetter deadLetter,
        UncleanStop uncleanStop,
        Refusals refusals,
        AdminRead adminRead,
        Checkpoint checkpoint,
        ConfigReload configReload,
        AuditRecord.ChainLink chain) implements AuditEntry {

    public static final String DEAD_LETTER = "dead_letter";
    public static final String UNCLEAN_STOP = "unclean_stop";
    public static final String REFUSALS = "refusals";
    public static final String ADMIN_READ = "admin_read";
    public static final String CHECKPOINT = "checkpoint";
    public static final String CONFIG_RELOAD = "config_reload";

    public AuditEvent(int schemaVersion, String kind, String eventId, String at, String region, DeadLetter deadLetter,
                      UncleanStop uncleanStop, Refusals refusals, AdminRead adminRead, AuditRecord.ChainLink chain) {
        this(schemaVersion, kind, eventId, at, region, deadLetter, uncleanStop, refusals, adminRead, null, null, chain);
    }

    /**
     * A writer's signed statement of its records {@code firstSeq..lastSeq} (every record it wrote
     * since its previous checkpoint, that checkpoint included; the first checkpoint starts at seq 1).
     * The signature is Ed25519 over the JCS form of the whole event without {@code chain} and without
     * {@code checkpoint.signature}, so an auditor with the public key alone can check it.
     *
     * @param writer           the writer whose records it covers
     * @param firstSeq         the first seq covered
     * @param lastSeq          the last seq covered: the seq before this checkpoint's own
     * @param lastHash         that record's {@code chain.hash}
     * @param records          lastSeq - firstSeq + 1
     * @param digest           SHA-256 (hex) over, for each covered record in seq order, the SHA-256 (hex)
     *                         of its whole JCS form (its {@code chain.hash} included) followed by a newline
     * @param every            the writer's {@code audit.checkpoint-every}
     * @param intervalSeconds  the writer's {@code audit.checkpoint-interval}: the next checkpoint follows
     *                         within it while the writer runs
     * @param last             true for the writer's last checkpoint, written at a clean stop
     * @param keyId            the signing key's id ({@link AuditPublicKeys#keyIdOf})
     * @param signature        the Ed25519 signature, base64
     */
    public record Checkpoint(String writer, long firstSeq, long lastSeq, String lastHash, long records, String digest,
                             int every, long intervalSeconds, boolean last, String keyId, String signature) {

        Checkpoint withSignature(String value) {
            return new Checkpoint(writer, firstSeq, lastSeq, lastHash, records, digest, every, intervalSeconds, last,
                    keyId, value);
        }
    }

    /**
     * @param path   the path read, e.g. {@code /metrics} or {@code /admin/usage/acme-eu}
     * @param status what the reader got: 200, or 401/403 without or with a wrong token, 404
     */
    public record AdminRead(String path, int status) {
    }

    /**
     * @param trigger         {@code admin} ({@code POST /admin/reload}) or {@code file} (the watch)
     * @param outcome         {@code applied}, {@code unchanged} or {@code refused}
     * @param generation      the configuration generation running afterwards
     * @param source          the file(s) read
     * @param sha256          SHA-256 (hex) of the files read, each file's path then its bytes: which
     *                        configuration was in force from this event on
     * @param changed         the reloadable settings applied, e.g. {@code tenants}
     * @param restartRequired the settings the files change that wait for a restart
     * @param problem         why it was refused (file, key and problem), or null
     */
    public record ConfigReload(String trigger, String outcome, long generation, String source, String sha256,
                               List<String> changed, List<String> restartRequired, String problem) {
    }

    /**
     * @param writer   the dead-lettered record's writer
     * @param seq      its place in that writer's chain
     * @param hash     its {@code chain.hash}: the next record of that writer links to it
     * @param recordId its request id (or event id)
     * @param reason   the endpoint's refusal, e.g. {@code RecordTooLargeException: ...}; never content
     * @param file     the dead-letter file, relative to the audit directory
     */
    public record DeadLetter(String writer, long seq, String hash, String recordId, String reason, String file) {
    }

    /**
     * @param previousWriter          the writer that did not stop cleanly; absent when it wrote nothing
     * @param previousSeq             the seq of its last record known to be written (delivered,
     *                                spooled or journaled); this event's {@code prev} is that record's hash
     * @param requestsWithoutRecord   requests begun under it whose record (or refusal summary) was
     *                                never written: those answered before the stop, and those it cut off
     * @param refusalsNotSummarised   of them, requests refused before a tenant was known whose
     *                                summary was still being counted
     */
    public record UncleanStop(String previousWriter, Long previousSeq, long requestsWithoutRecord,
                              long refusalsNotSummarised) {
    }

    /**
     * @param from   the start of the interval (ISO-8601 UTC)
     * @param to     its end
     * @param total  requests refused in it before a tenant was known
     * @param counts per reason (the OpenAI error code the client got, e.g. {@code invalid_api_key})
     */
    public record Refusals(String from, String to, long total, Map<String, Long> counts) {

        public Refusals {
            counts = counts == null ? Map.of() : new TreeMap<>(counts);
        }
    }

    @Override
    public String id() {
        return eventId;
    }

    @Override
    public AuditEvent withChain(AuditRecord.ChainLink link) {
        return new AuditEvent(schemaVersion, kind, eventId, at, region, deadLetter, uncleanStop, refusals, adminRead,
                checkpoint, configReload, link);
    }

    AuditEvent withCheckpoint(Checkpoint value) {
        return new AuditEvent(schemaVersion, kind, eventId, at, region, deadLetter, uncleanStop, refusals, adminRead,
                value, configReload, chain);
    }

    /**
     * Asks the writer for a checkpoint: the chain fills in what it covers and signs it when it links
     * it ({@link AuditChain#link}).
     *
     * @param last the writer's last checkpoint, at a clean stop
     */
    public static AuditEvent checkpointRequest(String region, Instant at, boolean last) {
        return new AuditEvent(AuditRecord.SCHEMA_VERSION, CHECKPOINT, newId(), at.toString(), region, null, null, null,
                null, new Checkpoint(null, 0, 0, null, 0, null, 0, 0, last, null, null), null, null);
    }

    /** A checkpoint not yet filled in by the chain. */
    boolean isCheckpointRequest() {
        return CHECKPOINT.equals(kind) && checkpoint != null && checkpoint.signature() == null;
    }

    public static AuditEvent deadLetter(String region, Instant at, DeadLetter deadLetter) {
        return new AuditEvent(AuditRecord.SCHEMA_VERSION, DEAD_LETTER, newId(), at.toString(), region, deadLetter,
                null, null, null, null);
    }

    public static AuditEvent uncleanStop(String region, Instant at, UncleanStop uncleanStop) {
        return new AuditEvent(AuditRecord.SCHEMA_VERSION, UNCLEAN_STOP, newId(), at.toString(), region, null,
                uncleanStop, null, null, null);
    }

    public static AuditEvent refusals(String region, Instant at, Refusals refusals) {
        return new AuditEvent(AuditRecord.SCHEMA_VERSION, REFUSALS, newId(), at.toString(), region, null, null,
                refusals, null, null);
    }

    public static AuditEvent adminRead(String region, Instant at, AdminRead adminRead) {
        return new AuditEvent(AuditRecord.SCHEMA_VERSION, ADMIN_READ, newId(), at.toString(), region, null, null, null,
                adminRead, null);
    }

    public static AuditEvent configReload(String region, Instant at, ConfigReload configReload) {
        return new AuditEvent(AuditRecord.SCHEMA_VERSION, CONFIG_RELOAD, newId(), at.toString(), region, null, null, null,
                null, null, configReload, null);
    }

    private static String newId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }
}
