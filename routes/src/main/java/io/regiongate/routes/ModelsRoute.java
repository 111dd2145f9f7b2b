package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * {@code GET /v1/models}: the models the calling tenant may use in this region;
 * {@code GET /v1/models/{id}}: one of them, or 404 {@code model_not_found}.
 */
public final class ModelsRoute extends RouteBuilder {

    public static final String ROUTE_ID = "models";
    public static final String MODEL_ROUTE_ID = "model";
    /** The same flow entered in-process ({@link Endpoints#MODELS}): the {@code regiongate:models} component's. */
    public static final String COMPONENT_ROUTE_ID = "models-component";

    private final String entry;
    private final String routeId;
    private final String nodePrefix;

    /** {@code GET /v1/models}. */
    public ModelsRoute() {
        this("platform-http:/v1/models?httpMethodRestrict=GET", ROUTE_ID, null);
    }

    private ModelsRoute(String entry, String routeId, String nodePrefix) {
        this.entry = entry;
        this.routeId = routeId;
        this.nodePrefix = nodePrefix;
    }

    /** The same steps from {@link Endpoints#MODELS}, node ids prefixed {@code component-}. */
    public static ModelsRoute componentEntry() {
        return new ModelsRoute(Endpoints.MODELS, COMPONENT_ROUTE_ID, "component-");
    }

    @Override
    public void configure() {
        RouteDefinition route = from(entry).routeId(routeId);
        route
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.BEGIN_REQUEST).id("models-begin-request")
                .process(Steps.AUTHENTICATE).id("models-authenticate")
                .process(Steps.MODELS_LIST).id("models-list");
        if (nodePrefix != null) {
            NodeIds.prefix(route, nodePrefix);
            return;
        }
        from("platform-http:/v1/models/{id}?httpMethodRestrict=GET")
                .routeId(MODEL_ROUTE_ID)
                .routeConfigurationId(Endpoints.API_ERROR_POLICY)
                .process(Steps.BEGIN_REQUEST).id("model-begin-request")
                .process(Steps.AUTHENTICATE).id("model-authenticate")
                .process(Steps.MODEL_GET).id("model-get");
    }
}
