package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /v1/models}: the models the calling tenant may use in this region;
 * {@code GET /v1/models/{id}}: one of them, or 404 {@code model_not_found}.
 */
public final class ModelsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "models";
    public static final String MODEL_ROUTE_ID = "model";

    @Override
    public void configure() {
        from("platform-http:/v1/models?httpMethodRestrict=GET")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.BEGIN_REQUEST).id("models-begin-request")
                .process(Steps.AUTHENTICATE).id("models-authenticate")
                .process(Steps.MODELS_LIST).id("models-list");
        from("platform-http:/v1/models/{id}?httpMethodRestrict=GET")
                .routeId(MODEL_ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.BEGIN_REQUEST).id("model-begin-request")
                .process(Steps.AUTHENTICATE).id("model-authenticate")
                .process(Steps.MODEL_GET).id("model-get");
    }
}
