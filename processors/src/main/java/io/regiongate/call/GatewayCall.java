package io.regiongate.call;

import io.opentelemetry.api.trace.Span;
import io.regiongate.api.ChatRequest;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.TenantConfig;
import io.regiongate.dispatch.CallTarget;
import io.regiongate.failover.FailoverState;
import io.regiongate.quota.QuotaDecision;
import io.regiongate.redaction.RedactionSession;
import io.regiongate.residency.ResidencyDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything RegionGate knows about one API request, in one typed record that its exchange holds
 * from the first step to the last. Each step adds its own decision, in this order: the tenant and
 * its credential, the validated request, the residency decision, the dispatch plan and its
 * attempts, the quota admission, the target being called, who served, the outcome, and for a
 * {@code sync} tenant whether its audit record was accepted; the
 * {@link AnswerObserver} collects usage and the completion's tally as the answer passes. What is
 * derived from a request (response headers, the audit record) is derived from this record.
 *
 * <p>Any part may be absent: a request refused for its key has no tenant, one refused for its body
 * no request. The request's own thread writes it; while a stream is relayed its events are shown
 * to the {@link #answer()} observer on the client connection's event loop, and the request's
 * thread reads the results only after the stream has ended.
 */
public final class GatewayCall {

    private final String requestId;
    private final Instant receivedAt;
    private final long startNanos = System.nanoTime();
    private final ClientConnection client;
    private final AnswerObserver answer = new AnswerObserver();
    private TenantConfig tenant;
    private String keyId;
    private String upstreamModel;
    private ClientCredential credential;
    private ChatRequest request;
    private ResidencyDecision residency;
    private FailoverState failover;
    private QuotaDecision quota;
    private CallTarget target;
    private ServedBy servedBy;
    private Outcome outcome;
    private volatile long firstChunkNanos;
    private String clientTraceparent;
    private Arrival forwardedFrom;
    private Span span;
    private boolean auditAccepted;
    private volatile RedactionSession redaction;
    private Throwable auditFailure;

    /** @param client the client's HTTP connection, or null when the request did not come over HTTP */
    public GatewayCall(String requestId, Instant receivedAt, ClientConnection client) {
        this.requestId = requestId;
        this.receivedAt = receivedAt;
        this.client = client;
    }

    public String requestId() {
        return requestId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** When the request began, as {@link System#nanoTime()}. */
    public long startedNanos() {
        return startNanos;
    }

    /** The request was forwarded by another region's runtime, which gave it this id. */
    public void forwardedFrom(Arrival arrival) {
        this.forwardedFrom = arrival;
    }

    /** Where the request arrived first, when a peer forwarded it here; null otherwise. */
    public Arrival forwardedFrom() {
        return forwardedFrom;
    }

    /** The client's W3C {@code traceparent} header, as sent (or null): the trace this request continues. */
    public void clientTraceparent(String traceparent) {
        this.clientTraceparent = traceparent;
    }

    public String clientTraceparent() {
        return clientTraceparent;
    }

    /** The request's trace span, once started (OpenTelemetry's no-op span when tracing is off). */
    public void traced(Span requestSpan) {
        this.span = requestSpan;
    }

    public Span span() {
        return span;
    }

    /** How long the request has taken so far. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public Optional<ClientConnection> client() {
        return Optional.ofNullable(client);
    }

    /** The tenant the key belongs to, the key's id, and the client's credential (forwarded to peers only). */
    public void authenticated(TenantConfig caller, String callerKeyId, ClientCredential clientCredential) {
        this.tenant = caller;
        this.keyId = callerKeyId;
        this.credential = clientCredential;
    }

    public TenantConfig tenant() {
        return tenant;
    }

    /** What the local upstream being called calls the request's model (its deployment). */
    public void calledAs(String deployment) {
        this.upstreamModel = deployment;
    }

    /** What the last local upstream called named the model; null when none was called. */
    public String upstreamModel() {
        return upstreamModel;
    }

    /** The id of the tenant's key the request came with (never the key). */
    public String keyId() {
        return keyId;
    }

    public ClientCredential credential() {
        return credential;
    }

    public void validated(ChatRequest chatRequest) {
        this.request = chatRequest;
    }

    public ChatRequest request() {
        return request;
    }

    /** True when the client asked for a stream. */
    public boolean streams() {
        return request != null && request.stream();
    }

    public void decided(ResidencyDecision decision) {
        this.residency = decision;
    }

    public ResidencyDecision residency() {
        return residency;
    }

    /** The dispatch plan, and from then on the attempts made on it. */
    public void planned(FailoverState plan) {
        this.failover = plan;
    }

    public FailoverState failover() {
        return failover;
    }

    /**
     * The request's PII redaction: its profile, the placeholders it handed out (this request's memory
     * only), counts per type and the redacted text for the audit record; set before the prompt is
     * scanned, also when the scan then refuses the request.
     */
    public void redacting(RedactionSession session) {
        this.redaction = session;
    }

    /** The request's redaction; null when no profile applies to it. */
    public RedactionSession redaction() {
        return redaction;
    }

    /** The quota decision, admitted or refused. */
    public void quotaDecided(QuotaDecision decision) {
        this.quota = decision;
    }

    public QuotaDecision quota() {
        return quota;
    }

    /** The target about to be called; it stays named when it fails and no other is left. */
    public void calling(CallTarget next) {
        this.target = next;
        this.servedBy = null;
    }

    /** The target being called, or the last one called; null before any call. */
    public CallTarget target() {
        return target;
    }

    public void servedBy(ServedBy who) {
        this.servedBy = who;
    }

    /** Who answered; null while nobody has. */
    public ServedBy servedBy() {
        return servedBy;
    }

    public AnswerObserver answer() {
        return answer;
    }

    /** The first chunk of a stream is being written to the client (called once per stream, on its event loop). */
    public void firstChunkWritten() {
        if (firstChunkNanos == 0) {
            firstChunkNanos = System.nanoTime();
        }
    }

    /** How long after its arrival the request's stream wrote its first chunk; null when it did not stream. */
    public Duration firstChunkAfter() {
        long at = firstChunkNanos;
        return at == 0 ? null : Duration.ofNanos(at - startNanos);
    }

    /** A whole answer (2xx) was passed on with this status. */
    public void answered(int status) {
        this.outcome = Outcome.answered(status);
    }

    /** A client error a target found in the request was passed on as the target wrote it. */
    public void refusedByTarget(int status, OpenAiError error) {
        this.outcome = new Outcome(status, error, null);
    }

    /** The gateway answered with this error. */
    public void failed(OpenAiError error) {
        this.outcome = Outcome.failed(error);
    }

    /** A stream was relayed and ended this way ({@code error}: the event that ended it, or null). */
    public void streamEnded(StreamEnding ending, OpenAiError error) {
        this.outcome = Outcome.streamed(ending, error);
    }

    /** How the request was answered; null until it was. */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * For a {@code sync} tenant: whether the audit writer accepted the record (Kafka acknowledged it,
     * or it was forced to the spool), and why not.
     */
    public void auditDelivered(boolean accepted, Throwable failure) {
        this.auditAccepted = accepted;
        this.auditFailure = failure;
    }

    public boolean auditAccepted() {
        return auditAccepted;
    }

    public Throwable auditFailure() {
        return auditFailure;
    }
}
