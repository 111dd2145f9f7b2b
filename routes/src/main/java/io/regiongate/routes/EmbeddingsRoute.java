package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /v1/embeddings}: the chat flow's steps in the same order (begin, authenticate,
 * validate, decide residency, plan the targets, admit against the quota, dispatch with failover),
 * with the embeddings body's own checks and its own signed path for forwards between regions. Its
 * metrics and audit record are taken from its record when it ends, as for chat.
 */
public final class EmbeddingsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "embeddings";

    @Override
    public void configure() {
        from("platform-http:/v1/embeddings?httpMethodRestrict=POST")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .streamCache(false)
                .onCompletion().modeBeforeConsumer()
                    .process(Steps.RECORD_TELEMETRY).id("embeddings-telemetry-tap")
                    .to(Endpoints.AUDIT).id("embeddings-audit-tap")
                .end()
                .process(Steps.BEGIN_REQUEST).id("embeddings-begin-request")
                .process(Steps.AUDIT_BEGIN).id("embeddings-audit-begin")
                .process(Steps.AUTHENTICATE).id("embeddings-authenticate")
                .process(Steps.VERIFY_PEER_EMBEDDINGS).id("embeddings-verify-peer")
                .process(Steps.LIMIT_CONCURRENCY).id("embeddings-limit-concurrency")
                .process(Steps.VALIDATE_EMBEDDINGS_REQUEST).id("embeddings-validate-request")
                .process(Steps.RESIDENCY).id("embeddings-decide-residency")
                .process(Steps.PLAN_DISPATCH).id("embeddings-plan-dispatch")
                .process(Steps.ADMIT_QUOTA).id("embeddings-admit-quota")
                .to(Endpoints.DISPATCH).id("embeddings-to-dispatch");
    }
}
