package io.regiongate.routes;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The error policy of the API, declared once: any failure is handled and answered by the error
 * response step in the OpenAI error shape (401, 400, 404, 413, 502, 504, ...). Internal flows
 * (dispatch, upstream calls) handle nothing themselves, so every failure reaches the API route
 * that called them and is answered there, once.
 */
public final class ApiErrorPolicy extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration(Endpoints.API_ERROR_POLICY)
                .onException(Exception.class)
                .handled(true)
                .process(Steps.ERROR_RESPONSE).id("api-error-response");
        routeConfiguration(Endpoints.INTERNAL_FLOW_POLICY)
                .errorHandler(noErrorHandler());
    }
}
