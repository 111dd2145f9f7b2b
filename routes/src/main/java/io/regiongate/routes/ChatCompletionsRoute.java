package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.OnCompletionDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * {@code POST /v1/chat/completions}: begin, authenticate, validate, decide residency, plan the
 * targets, admit against the quota, redact the prompt (PII), dispatch, redact or restore a whole
 * answer. {@code audit-begin} counts the request as owing the
 * trail a record (so that a crash cannot lose one silently); when it ends, however it ends, its
 * metrics and its audit record are taken from its record, before the answer is written.
 *
 * <p>{@link #embeddings()} and {@link #responses()} are the same flow for {@code POST /v1/embeddings}
 * and {@code POST /v1/responses}, with the body checks and the signed forward path of their own.
 */
public final class ChatCompletionsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "chat-completions";
    /** The same flow entered in-process ({@link Endpoints#CHAT}): the {@code regiongate:chat} component's. */
    public static final String COMPONENT_ROUTE_ID = "chat-component";
    public static final String EMBEDDINGS_ROUTE_ID = "embeddings";
    public static final String RESPONSES_ROUTE_ID = "responses";

    private final String entry;
    private final String routeId;
    private final String nodePrefix;
    private final String verifyPeerStep;
    private final String validateStep;

    /** {@code POST /v1/chat/completions}. */
    public ChatCompletionsRoute() {
        this("platform-http:/v1/chat/completions?httpMethodRestrict=POST", ROUTE_ID, null);
    }

    private ChatCompletionsRoute(String entry, String routeId, String nodePrefix) {
        this(entry, routeId, nodePrefix, Steps.VERIFY_PEER, Steps.VALIDATE_CHAT_REQUEST);
    }

    private ChatCompletionsRoute(String entry, String routeId, String nodePrefix, String verifyPeerStep,
                                 String validateStep) {
        this.entry = entry;
        this.routeId = routeId;
        this.nodePrefix = nodePrefix;
        this.verifyPeerStep = verifyPeerStep;
        this.validateStep = validateStep;
    }

    /** {@code POST /v1/embeddings}: node ids prefixed {@code embeddings-}. */
    public static ChatCompletionsRoute embeddings() {
        return new ChatCompletionsRoute("platform-http:/v1/embeddings?httpMethodRestrict=POST", EMBEDDINGS_ROUTE_ID,
                "embeddings-", Steps.VERIFY_PEER_EMBEDDINGS, Steps.VALIDATE_EMBEDDINGS_REQUEST);
    }

    /** {@code POST /v1/responses}, whole and streamed: node ids prefixed {@code responses-}. */
    public static ChatCompletionsRoute responses() {
        return new ChatCompletionsRoute("platform-http:/v1/responses?httpMethodRestrict=POST", RESPONSES_ROUTE_ID,
                "responses-", Steps.VERIFY_PEER_RESPONSES, Steps.VALIDATE_RESPONSES_REQUEST);
    }

    /**
     * The same steps from {@link Endpoints#CHAT}, for in-process callers: the request's body and
     * headers as the HTTP route gets them, its answer (or the error in OpenAI's shape, with its
     * status in {@code CamelHttpResponseCode}) on the message; node ids prefixed {@code component-}.
     */
    public static ChatCompletionsRoute componentEntry() {
        return new ChatCompletionsRoute(Endpoints.CHAT, COMPONENT_ROUTE_ID, "component-");
    }

    @Override
    public void configure() {
        RouteDefinition route = from(entry).routeId(routeId);
        OnCompletionDefinition taps = route
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .streamCache(false)
                .onCompletion().modeBeforeConsumer();
        taps.process(Steps.RECORD_TELEMETRY).id("telemetry-tap")
                .to(Endpoints.AUDIT).id("audit-tap");
        if (entry.startsWith("platform-http:")) {
            taps.process(Steps.LISTENER_ANSWER_BODY).id("listener-answer-body");
        }
        taps.end()
                .process(Steps.BEGIN_REQUEST).id("begin-request")
                .process(Steps.AUDIT_BEGIN).id("audit-begin")
                .process(Steps.AUTHENTICATE).id("authenticate")
                .process(verifyPeerStep).id("verify-peer")
                .process(Steps.LIMIT_CONCURRENCY).id("limit-concurrency")
                .process(validateStep).id("validate-request")
                .process(Steps.RESIDENCY).id("decide-residency")
                .process(Steps.PLAN_DISPATCH).id("plan-dispatch")
                .process(Steps.ADMIT_QUOTA).id("admit-quota")
                .process(Steps.REDACT_PROMPT).id("redact-prompt")
                .to(Endpoints.DISPATCH).id("to-dispatch")
                .process(Steps.REDACT_ANSWER).id("redact-answer");
        if (nodePrefix != null) {
            NodeIds.prefix(route, nodePrefix);
        }
    }
}
