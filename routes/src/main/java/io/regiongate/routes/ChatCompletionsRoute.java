package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /v1/chat/completions}: begin, authenticate, validate, select an upstream, dispatch.
 * Residency, quota and audit steps slot in between these named steps.
 */
public final class ChatCompletionsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "chat-completions";

    @Override
    public void configure() {
        from("platform-http:/v1/chat/completions?httpMethodRestrict=POST")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .streamCache(false)
                .process(Steps.BEGIN_REQUEST).id("begin-request")
                .process(Steps.AUTHENTICATE).id("authenticate")
                .process(Steps.VALIDATE_CHAT_REQUEST).id("validate-request")
                .process(Steps.SELECT_UPSTREAM).id("select-upstream")
                .process(Steps.ADMIT_QUOTA).id("admit-quota")
                .to(Endpoints.DISPATCH).id("to-dispatch");
    }
}
