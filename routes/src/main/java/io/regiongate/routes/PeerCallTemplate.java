package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route template every peer's call route is made from: forward the request to another
 * region's RegionGate runtime and turn its answer into the client's, streaming included.
 * Parameters: {@code peerRegion}, {@code url} (the peer's chat completions URL, from
 * configuration), {@code connectTimeoutMillis}, {@code responseTimeoutMillis}.
 */
public final class PeerCallTemplate extends RouteBuilder {

    public static final String PEER_REGION = "peerRegion";
    public static final String URL = "url";
    public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
    public static final String RESPONSE_TIMEOUT_MILLIS = "responseTimeoutMillis";

    @Override
    public void configure() {
        routeTemplate(Endpoints.PEER_CALL_TEMPLATE)
                .templateParameter(PEER_REGION)
                .templateParameter(URL)
                .templateParameter(CONNECT_TIMEOUT_MILLIS)
                .templateParameter(RESPONSE_TIMEOUT_MILLIS)
                .from(Endpoints.PEER_PREFIX + "{{peerRegion}}")
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .process(Steps.PREPARE_PEER_REQUEST).id("prepare-peer-request")
                .to("{{url}}?bridgeEndpoint=true&throwExceptionOnFailure=false&disableStreamCache=true"
                        + "&followRedirects=false"
                        + "&connectTimeout={{connectTimeoutMillis}}&responseTimeout={{responseTimeoutMillis}}"
                        + "&soTimeout={{responseTimeoutMillis}}").id("peer-call")
                .process(Steps.UPSTREAM_RESPONSE).id("peer-response");
    }
}
