package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/** {@code GET /v1/models}: the models the calling tenant may use in this region. */
public final class ModelsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "models";

    @Override
    public void configure() {
        from("platform-http:/v1/models?httpMethodRestrict=GET")
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.BEGIN_REQUEST).id("models-begin-request")
                .process(Steps.AUTHENTICATE).id("models-authenticate")
                .process(Steps.MODELS_LIST).id("models-list");
    }
}
