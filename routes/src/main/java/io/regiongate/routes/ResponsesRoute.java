package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /v1/responses}: the chat flow's steps in the same order, with the Responses body's
 * own checks and its own signed path for forwards. A streamed response is relayed event by event
 * like a chat stream (see {@link StreamEventRoute}): its preamble is held until its first output,
 * so that a failure before then can still fail over.
 */
public final class ResponsesRoute extends RouteBuilder {

    public static final String ROUTE_ID = "responses";

    @Override
    public void configure() {
        from("platform-http:/v1/responses?httpMethodRestrict=POST")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .streamCache(false)
                .onCompletion().modeBeforeConsumer()
                    .process(Steps.RECORD_TELEMETRY).id("responses-telemetry-tap")
                    .to(Endpoints.AUDIT).id("responses-audit-tap")
                .end()
                .process(Steps.BEGIN_REQUEST).id("responses-begin-request")
                .process(Steps.AUDIT_BEGIN).id("responses-audit-begin")
                .process(Steps.AUTHENTICATE).id("responses-authenticate")
                .process(Steps.VERIFY_PEER_RESPONSES).id("responses-verify-peer")
                .process(Steps.LIMIT_CONCURRENCY).id("responses-limit-concurrency")
                .process(Steps.VALIDATE_RESPONSES_REQUEST).id("responses-validate-request")
                .process(Steps.RESIDENCY).id("responses-decide-residency")
                .process(Steps.PLAN_DISPATCH).id("responses-plan-dispatch")
                .process(Steps.ADMIT_QUOTA).id("responses-admit-quota")
                .to(Endpoints.DISPATCH).id("responses-to-dispatch");
    }
}
