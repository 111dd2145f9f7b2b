package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /v1/chat/completions}: begin, authenticate, validate, decide residency, plan the
 * targets, admit against the quota, redact the prompt (PII), dispatch, redact or restore a whole
 * answer. {@code audit-begin} counts the request as owing the
 * trail a record (so that a crash cannot lose one silently); when it ends, however it ends, its
 * metrics and its audit record are taken from its record, before the answer is written.
 */
public final class ChatCompletionsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "chat-completions";

    @Override
    public void configure() {
        from("platform-http:/v1/chat/completions?httpMethodRestrict=POST")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .streamCache(false)
                .onCompletion().modeBeforeConsumer()
                    .process(Steps.RECORD_TELEMETRY).id("telemetry-tap")
                    .to(Endpoints.AUDIT).id("audit-tap")
                .end()
                .process(Steps.BEGIN_REQUEST).id("begin-request")
                .process(Steps.AUDIT_BEGIN).id("audit-begin")
                .process(Steps.AUTHENTICATE).id("authenticate")
                .process(Steps.VERIFY_PEER).id("verify-peer")
                .process(Steps.LIMIT_CONCURRENCY).id("limit-concurrency")
                .process(Steps.VALIDATE_CHAT_REQUEST).id("validate-request")
                .process(Steps.RESIDENCY).id("decide-residency")
                .process(Steps.PLAN_DISPATCH).id("plan-dispatch")
                .process(Steps.ADMIT_QUOTA).id("admit-quota")
                .process(Steps.REDACT_PROMPT).id("redact-prompt")
                .to(Endpoints.DISPATCH).id("to-dispatch")
                .process(Steps.REDACT_ANSWER).id("redact-answer");
    }
}
