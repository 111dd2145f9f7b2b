package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route template every upstream's call route is made from: build the upstream request,
 * call the upstream over camel-http with its timeouts, and turn its answer into the client's.
 * Parameters: {@code upstreamId}, {@code url} (the chat completions URL, from configuration),
 * {@code connectTimeoutMillis}, {@code responseTimeoutMillis}. Only camel-http endpoint options may
 * stand in the URI: camel-http sends any other parameter on to the upstream as a query parameter
 * (component options such as cookie handling are set on the component by the runtime).
 */
public final class UpstreamCallTemplate extends RouteBuilder {

    public static final String UPSTREAM_ID = "upstreamId";
    public static final String URL = "url";
    public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
    public static final String RESPONSE_TIMEOUT_MILLIS = "responseTimeoutMillis";

    @Override
    public void configure() {
        routeTemplate(Endpoints.UPSTREAM_CALL_TEMPLATE)
                .templateParameter(UPSTREAM_ID)
                .templateParameter(URL)
                .templateParameter(CONNECT_TIMEOUT_MILLIS)
                .templateParameter(RESPONSE_TIMEOUT_MILLIS)
                .from(Endpoints.UPSTREAM_PREFIX + "{{upstreamId}}")
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .process(Steps.PREPARE_UPSTREAM_REQUEST).id("prepare-upstream-request")
                .to("{{url}}?bridgeEndpoint=true&throwExceptionOnFailure=false&disableStreamCache=true"
                        + "&followRedirects=false"
                        + "&connectTimeout={{connectTimeoutMillis}}&responseTimeout={{responseTimeoutMillis}}"
                        + "&soTimeout={{responseTimeoutMillis}}").id("upstream-call")
                .process(Steps.UPSTREAM_RESPONSE).id("upstream-response");
    }
}
