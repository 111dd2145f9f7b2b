package io.regiongate.flow.chat;

import io.regiongate.api.ApiOperation;
import io.regiongate.api.ChatRequest;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.AuditContent;
import io.regiongate.flow.Calls;
import io.regiongate.redaction.PromptRedactor;
import io.regiongate.redaction.RedactionPolicies;
import io.regiongate.redaction.RedactionSession;
import io.regiongate.redaction.TenantRedaction;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Scans the prompt with the request's redaction profile before anything leaves the process: on
 * the request's arrival the tenant's profile, on a hop from a peer this region's zone's profile
 * (see {@link RedactionPolicies}). The request's record gets the session (placeholders, counts,
 * redacted text for the audit) and, with action {@code redact}, the body to send on; {@code block},
 * a prompt too large to scan and a streamed Responses request whose answer would have to be
 * redacted (not built yet) are refused here, before any target is called.
 */
public final class RedactPromptProcessor implements Processor {

    private final Supplier<RedactionPolicies> currentPolicies;

    public RedactPromptProcessor(RedactionPolicies policies) {
        this(() -> policies);
    }

    /** @param policies the profiles as configured now (a reload replaces them) */
    public RedactPromptProcessor(Supplier<RedactionPolicies> policies) {
        this.currentPolicies = policies;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = Calls.of(exchange);
        ChatRequest request = call.request();
        if (request == null || call.tenant() == null) {
            return;
        }
        RedactionPolicies policies = currentPolicies.get();
        Optional<TenantRedaction> policy = policies.forRequest(call.tenant(), call.forwardedFrom() != null);
        if (policy.isEmpty()) {
            return;
        }
        if (request.stream() && request.operation() == ApiOperation.RESPONSES && policy.get().completion()) {
            // its answer would reach the client unredacted: refused rather than let through
            throw new GatewayException(OpenAiError.invalidField("stream", "a streamed Responses answer cannot be"
                    + " redacted yet and this tenant's answers are (redaction apply-to: completion); send stream=false"));
        }
        RedactionSession session = new RedactionSession(policy.get(), policies.maxScanBytes(), policies.holdBackChars());
        session.auditKeepsText(call.tenant().audit().content() == AuditContent.REDACTED);
        call.redacting(session);
        var body = new PromptRedactor(policies.maxScanBytes()).apply(request.body(), session);
        if (body != request.body()) {
            call.validated(new ChatRequest(body, request.model(), request.stream(), request.operation()));
        }
    }
}
