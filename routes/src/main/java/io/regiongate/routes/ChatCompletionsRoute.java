package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * {@code POST /v1/chat/completions}: begin, authenticate, validate, decide residency, plan the
 * targets, admit against the quota, dispatch. {@code audit-begin} counts the request as owing the
 * trail a record (so that a crash cannot lose one silently); when it ends, however it ends, its
 * metrics and its audit record are taken from its record, before the answer is written.
 */
public final class ChatCompletionsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "chat-completions";
    /** The same flow entered in-process ({@link Endpoints#CHAT}): the {@code regiongate:chat} component's. */
    public static final String COMPONENT_ROUTE_ID = "chat-component";

    private final String entry;
    private final String routeId;
    private final String nodePrefix;

    /** {@code POST /v1/chat/completions}. */
    public ChatCompletionsRoute() {
        this("platform-http:/v1/chat/completions?httpMethodRestrict=POST", ROUTE_ID, null);
    }

    private ChatCompletionsRoute(String entry, String routeId, String nodePrefix) {
        this.entry = entry;
        this.routeId = routeId;
        this.nodePrefix = nodePrefix;
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
        route
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
                .to(Endpoints.DISPATCH).id("to-dispatch");
        if (nodePrefix != null) {
            NodeIds.prefix(route, nodePrefix);
        }
    }
}
