package io.regiongate.audit;

import io.regiongate.call.TokenUsage;
import java.util.List;
import java.util.Map;

/**
 * One audit record: what happened to one request, never its content (only hashes of it, when the
 * tenant's {@code audit.content} asks for them). Serialised as JSON with snake_case names by
 * {@link AuditJson}; absent values are left out. {@link #SCHEMA_VERSION} changes whenever a field
 * changes meaning or disappears; new optional fields do not change it.
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param requestId       the id the client saw in {@code X-Request-Id}; consumers drop duplicates by it
 * @param receivedAt      when the request arrived (ISO-8601 UTC)
 * @param completedAt     when its answer was complete (ISO-8601 UTC)
 * @param latencyMs       completedAt minus receivedAt
 * @param arrivalRegion   the region whose runtime received the request
 * @param servingRegion   the region whose upstream served it; absent when no upstream was called
 * @param tenant          the tenant id; absent when the key was missing or unknown
 * @param keyId           the id of the tenant's key the request came with (never the key)
 * @param upstreamModel   what the upstream that was called names {@code model} (its deployment); absent when no upstream of this region was called
 * @param operation       the API operation, e.g. {@code chat.completions} or {@code embeddings}; absent before the body was read
 * @param model           the requested model; absent when the body was not valid
 * @param stream          whether the client asked for a stream
 * @param upstream        the upstream that served (or last failed); absent when none was called
 * @param failoverHops    the hops taken before the serving upstream, in order; empty when none
 * @param residency       the residency decision and its reason
 * @param quota           the quota decision; absent until quotas exist
 * @param status          the HTTP status the client got
 * @param errorCode       the OpenAI error code of an error answer, or of an error ending a stream
 * @param completion      {@link Completion} as a lower-case word
 * @param usage           the upstream's usage block; absent when the upstream sent none
 * @param content         the content policy applied and, for {@code hash}, the digests
 * @param redactions      values found per detector type by the request's redaction profile; absent without one
 * @param forwardedBy     on the serving region's record of a forwarded request: the region it arrived
 *                        in and the request id it got there; absent when it arrived here
 * @param forwardedTo     on the arrival region's record of a request a peer served: the serving region
 *                        and the request id it got there; absent when no peer served
 * @param chain           the record's place in its writer's hash chain; set by {@link AuditChain}
 */
public record AuditRecord(
        int schemaVersion,
        String requestId,
        String receivedAt,
        String completedAt,
        Long latencyMs,
        String arrivalRegion,
        String servingRegion,
        String tenant,
        String keyId,
        String operation,
        String model,
        String upstreamModel,
        Boolean stream,
        String upstream,
        List<String> failoverHops,
        Residency residency,
        String quota,
        int status,
        String errorCode,
        String completion,
        TokenUsage usage,
        Content content,
        Map<String, Integer> redactions,
        Forward forwardedBy,
        Forward forwardedTo,
        ChainLink chain) implements AuditEntry {

    /** 2: {@code completion_sha256} of several choices is the hash of their hashes (1: of their joined text). */
    public static final int SCHEMA_VERSION = 2;

    public AuditRecord {
        failoverHops = failoverHops == null ? List.of() : List.copyOf(failoverHops);
        redactions = redactions == null ? null : Map.copyOf(redactions);
    }

    /** How the answer ended. */
    public enum Completion {
        /** a whole answer, or a stream that reached {@code [DONE]} */
        COMPLETE,
        /** the client went away before the end */
        CLIENT_CANCELLED,
        /** the client took nothing for too long and the gateway ended the stream */
        CLIENT_STALLED,
        /** an error answer, or a stream the upstream broke off */
        INCOMPLETE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param decision e.g. {@code local} or {@code refused}; @param reason why, when refused */
    public record Residency(String decision, String reason, String consentId) {
    }

    /**
     * Without a chain key ({@code audit.chain-key-env}) the digests are plain SHA-256; with one they
     * are keyed ({@link AuditChainKey#contentHmac}) and the SHA-256 fields are absent, so that a
     * short prompt cannot be confirmed by hashing guesses.
     *
     * @param policy           the tenant's {@code audit.content}: {@code none}, {@code hash}, {@code redacted}
     * @param promptSha256     SHA-256 of the request's {@code messages} (compact JSON), when hashed without a key
     * @param completionSha256 SHA-256 of the completion text, when hashed without a key
     * @param promptHmac       HMAC-SHA256 under the content key of the prompt's SHA-256 (hex), when keyed
     * @param completionHmac   HMAC-SHA256 under the content key of the completion's SHA-256 (hex), when keyed
     * @param prompt           with {@code redacted} and a redaction profile: the request's {@code messages}
     *                         with every value found replaced by its placeholder
     * @param completionText   with {@code redacted} and a redaction profile: the answer's text, redacted
     * @param completionCut    true when the redacted completion was cut at {@code redaction.max-scan-bytes}
     */
    public record Content(String policy, String promptSha256, String completionSha256, String promptHmac,
                          String completionHmac, com.fasterxml.jackson.databind.JsonNode prompt, String completionText,
                          Boolean completionCut) {

        /** Hashes only. */
        public Content(String policy, String promptSha256, String completionSha256) {
            this(policy, promptSha256, completionSha256, null, null, null, null, null);
        }

        /** Plain or keyed digests, no redacted text. */
        public Content(String policy, String promptSha256, String completionSha256, String promptHmac,
                       String completionHmac) {
            this(policy, promptSha256, completionSha256, promptHmac, completionHmac, null, null, null);
        }

        /** Plain digests and the redacted text. */
        public Content(String policy, String promptSha256, String completionSha256,
                       com.fasterxml.jackson.databind.JsonNode prompt, String completionText, Boolean completionCut) {
            this(policy, promptSha256, completionSha256, null, null, prompt, completionText, completionCut);
        }
    }

    /**
     * One end of a forward between regions: the region and the request id the request had there, so
     * that both regions' records of it can be joined without moving anything else between them.
     */
    public record Forward(String region, String requestId) {
    }

    /**
     * @param writer the chain's writer: this runtime's region and process instance
     * @param seq    1 for a writer's first record, then one more for each
     * @param prev   the {@code hash} of the writer's previous record; 64 zeros for the first
     * @param hash   of the record's canonical JSON (RFC 8785) without this field: SHA-256, or with
     *               {@code alg} {@value AuditChainKey#ALGORITHM} the HMAC under the region's chain key
     * @param alg    {@value AuditChainKey#ALGORITHM} for a keyed link; absent for plain SHA-256
     * @param key    the chain key's id ({@link AuditChainKey#keyId}) of a keyed link; absent otherwise
     */
    public record ChainLink(String writer, long seq, String prev, String hash, String alg, String key) {

        public ChainLink(String writer, long seq, String prev, String hash) {
            this(writer, seq, prev, hash, null, null);
        }

        ChainLink withHash(String newHash) {
            return new ChainLink(writer, seq, prev, newHash, alg, key);
        }
    }

    /** The request id. */
    @Override
    public String id() {
        return requestId;
    }

    @Override
    public AuditRecord withChain(ChainLink link) {
        return new AuditRecord(schemaVersion, requestId, receivedAt, completedAt, latencyMs, arrivalRegion,
                servingRegion, tenant, keyId, operation, model, upstreamModel, stream, upstream, failoverHops, residency, quota, status, errorCode,
                completion, usage, content, redactions, forwardedBy, forwardedTo, link);
    }
}
