package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat route's steps run in order under the API error policy, every request reaches the audit
 * tap, and the answer is handed to the listener in its written form after it.
 */
class ChatCompletionsRouteTest {

    private final RouteHarness harness = new RouteHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private RouteHarness chatRoute() {
        return harness.routes(new ApiErrorPolicy(), new ChatCompletionsRoute())
                .steps(Steps.BEGIN_REQUEST, Steps.AUDIT_BEGIN, Steps.VERIFY_PEER, Steps.LIMIT_CONCURRENCY, Steps.VALIDATE_CHAT_REQUEST,
                        Steps.RESIDENCY, Steps.PLAN_DISPATCH, Steps.ADMIT_QUOTA, Steps.REDACT_PROMPT, Steps.REDACT_ANSWER,
                        Steps.ERROR_RESPONSE, Steps.RECORD_TELEMETRY, Steps.LISTENER_ANSWER_BODY)
                .endpoint(Endpoints.DISPATCH, "dispatch", exchange -> { })
                .endpoint(Endpoints.AUDIT, "audit", exchange -> { })
                .enteredDirectly(ChatCompletionsRoute.ROUTE_ID);
    }

    @Test
    void runsEveryStepInOrderThenDispatchesAndAuditsBeforeAnswering() {
        chatRoute().steps(Steps.AUTHENTICATE).start();

        Exchange answered = harness.send("direct:" + ChatCompletionsRoute.ROUTE_ID, exchange -> { });

        assertThat(answered.isFailed()).isFalse();
        assertThat(harness.ran()).containsExactly(Steps.BEGIN_REQUEST, Steps.AUDIT_BEGIN, Steps.AUTHENTICATE,
                Steps.VERIFY_PEER, Steps.LIMIT_CONCURRENCY, Steps.VALIDATE_CHAT_REQUEST, Steps.RESIDENCY, Steps.PLAN_DISPATCH, Steps.ADMIT_QUOTA,
                Steps.REDACT_PROMPT, "dispatch", Steps.REDACT_ANSWER, Steps.RECORD_TELEMETRY, "audit",
                Steps.LISTENER_ANSWER_BODY);
        assertThat(harness.nodeIds(ChatCompletionsRoute.ROUTE_ID)).containsSubsequence("begin-request", "audit-begin",
                "authenticate", "verify-peer", "limit-concurrency", "validate-request", "decide-residency", "plan-dispatch", "admit-quota",
                "redact-prompt", "to-dispatch", "redact-answer");
    }

    @Test
    void aRefusedRequestIsAnsweredOnceByTheErrorPolicyAndStillAudited() {
        chatRoute().step(Steps.AUTHENTICATE, exchange -> {
            throw new GatewayException(OpenAiError.invalidApiKey());
        }).start();

        Exchange answered = harness.send("direct:" + ChatCompletionsRoute.ROUTE_ID, exchange -> { });

        assertThat(answered.isFailed()).as("handled by the policy, not thrown to the client").isFalse();
        assertThat(harness.ran()).containsExactly(Steps.BEGIN_REQUEST, Steps.AUDIT_BEGIN, Steps.AUTHENTICATE,
                Steps.ERROR_RESPONSE, Steps.RECORD_TELEMETRY, "audit", Steps.LISTENER_ANSWER_BODY);
        assertThat(harness.definition(ChatCompletionsRoute.ROUTE_ID).getRouteConfigurationId())
                .isEqualTo(Endpoints.API_ERROR_POLICY);
    }
}
