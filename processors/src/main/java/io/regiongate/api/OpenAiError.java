package io.regiongate.api;

/**
 * An error as OpenAI's API reports it: {@code {"error":{"message","type","param","code"}}} with
 * an HTTP status. The factories hold every error RegionGate answers with, so that the wording
 * and codes live in one place.
 */
public record OpenAiError(int status, String type, String code, String message, String param) {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";
    /** The code of {@link #peerProofRefused}: a forwarding runtime that gets it failed, not its client. */
    public static final String PEER_AUTHENTICATION_FAILED = "peer_authentication_failed";

    public static OpenAiError missingApiKey() {
        return new OpenAiError(401, INVALID_REQUEST, "missing_api_key",
                "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.", null);
    }

    public static OpenAiError invalidApiKey() {
        return new OpenAiError(401, INVALID_REQUEST, "invalid_api_key", "Incorrect API key provided.", null);
    }

    /** A key of a tenant, past its {@code not-after}. */
    public static OpenAiError keyExpired(java.time.Instant notAfter) {
        return new OpenAiError(401, INVALID_REQUEST, "key_expired",
                "This API key expired at " + notAfter + "; use a current key of your organisation.", null);
    }

    /** A request that claims to come from a peer runtime without valid proof; the reason names no secret. */
    public static OpenAiError peerProofRefused(String reason) {
        return new OpenAiError(401, INVALID_REQUEST, PEER_AUTHENTICATION_FAILED,
                "The request claims to be forwarded by a RegionGate peer, but " + reason + ".", null);
    }

    public static OpenAiError invalidJson(String detail) {
        return new OpenAiError(400, INVALID_REQUEST, "invalid_json",
                "The request body is not valid JSON: " + detail, null);
    }

    public static OpenAiError invalidField(String field, String problem) {
        return new OpenAiError(400, INVALID_REQUEST, "invalid_request",
                "'" + field + "' " + problem, field);
    }

    public static OpenAiError bodyTooLarge(long limitBytes) {
        return new OpenAiError(413, INVALID_REQUEST, "request_too_large",
                "The request body is larger than this gateway accepts (" + limitBytes + " bytes).", null);
    }

    /** A prompt with more text than {@code redaction.max-scan-bytes}: refused rather than sent unscanned. */
    public static OpenAiError tooLargeToScan(long limitBytes) {
        return new OpenAiError(413, INVALID_REQUEST, "prompt_too_large_to_scan",
                "The prompt's text is larger than this gateway scans for personal data (" + limitBytes
                        + " bytes); it was not sent.", "messages");
    }

    /** The tenant's redaction profile blocks prompts with personal data: the types are named, never the values. */
    public static OpenAiError piiDetected(String profile, java.util.List<String> types) {
        return new OpenAiError(400, INVALID_REQUEST, "pii_detected",
                "The prompt contains personal data of these types: " + String.join(", ", types)
                        + ". The redaction profile '" + profile + "' blocks such requests; nothing was sent.", "messages");
    }

    public static OpenAiError requestTimeout(java.time.Duration limit) {
        return new OpenAiError(408, INVALID_REQUEST, "request_timeout",
                "The request did not arrive within " + limit.toSeconds() + "s; the connection is closed.", null);
    }

    public static OpenAiError unsupportedMediaType(String contentType) {
        return new OpenAiError(415, INVALID_REQUEST, "unsupported_media_type",
                "The body must be JSON sent with 'Content-Type: application/json', not " + contentType + ".", null);
    }

    public static OpenAiError modelNotFound(String model) {
        return new OpenAiError(404, INVALID_REQUEST, "model_not_found",
                "The model '" + model + "' does not exist or you do not have access to it in this region.", "model");
    }

    public static OpenAiError notFound(String path) {
        return new OpenAiError(404, INVALID_REQUEST, "not_found", "Unknown path " + path + ".", null);
    }

    public static OpenAiError methodNotAllowed(String method, String path) {
        return new OpenAiError(405, INVALID_REQUEST, "method_not_allowed",
                method + " is not allowed on " + path + ".", null);
    }

    public static OpenAiError upstreamError(String upstreamId, String detail) {
        return new OpenAiError(502, SERVER_ERROR, "upstream_error",
                "The upstream model endpoint " + upstreamId + " failed: " + detail, null);
    }

    public static OpenAiError upstreamTimeout(String upstreamId) {
        return new OpenAiError(504, SERVER_ERROR, "upstream_timeout",
                "The upstream model endpoint " + upstreamId + " did not answer in time.", null);
    }

    /** A request over a per-second or per-minute limit: it may be tried again soon. */
    public static OpenAiError rateLimited(String limitName, long limit, long retryAfterSeconds, boolean tokens) {
        return new OpenAiError(429, tokens ? "tokens" : "requests", "rate_limit_exceeded",
                "Rate limit reached for " + limitName + " (limit " + limit + "). Try again in "
                        + retryAfterSeconds + "s.", null);
    }

    /** A request beyond the tenant's requests in flight at once; it may be tried again at once. */
    public static OpenAiError tooManyConcurrentRequests(long limit) {
        return new OpenAiError(429, "requests", "rate_limit_exceeded",
                "Too many concurrent requests (limit " + limit + " in flight). Try again when one has finished.", null);
    }

    /** A request over a daily or monthly token budget. */
    public static OpenAiError quotaExceeded(String limitName, long limit, long retryAfterSeconds) {
        return new OpenAiError(429, "insufficient_quota", "insufficient_quota",
                "You exceeded your quota of " + limitName + " (limit " + limit + "). It resets in "
                        + retryAfterSeconds + "s.", null);
    }

    /** The region's quota counters cannot be reached and the gateway is configured to fail closed. */
    public static OpenAiError quotaUnavailable() {
        return new OpenAiError(503, SERVER_ERROR, "quota_unavailable",
                "The gateway cannot check your quota right now. Try again shortly.", null);
    }

    public static OpenAiError adminCredentialMissing() {
        return new OpenAiError(401, INVALID_REQUEST, "missing_admin_token",
                "Send the admin token as 'Authorization: Bearer <token>'.", null);
    }

    public static OpenAiError adminCredentialWrong() {
        return new OpenAiError(403, INVALID_REQUEST, "invalid_admin_token", "The admin token is not valid.", null);
    }

    public static OpenAiError tenantNotFound(String tenant) {
        return new OpenAiError(404, INVALID_REQUEST, "tenant_not_found", "No tenant '" + tenant + "' here.", null);
    }

    /** A reload refused as a whole: {@code detail} names the file, each key and its problem. */
    public static OpenAiError configInvalid(String detail) {
        return new OpenAiError(422, INVALID_REQUEST, "config_invalid",
                "The new configuration is refused and the running one stays: " + detail, null);
    }

    public static OpenAiError reloadUnavailable(String source) {
        return new OpenAiError(409, INVALID_REQUEST, "reload_unavailable",
                "The configuration " + source + " is packaged with the runtime and cannot change; start it with --config"
                        + " FILE to reload.", null);
    }

    public static OpenAiError internal(String requestId) {
        return new OpenAiError(500, SERVER_ERROR, "internal_error",
                "The gateway failed to handle the request " + requestId + ". It has been logged.", null);
    }

    public static OpenAiError auditUnavailable(String requestId) {
        return new OpenAiError(503, SERVER_ERROR, "audit_unavailable",
                "The request " + requestId + " could not be audited, so its answer is withheld. Retry later.", null);
    }
}
