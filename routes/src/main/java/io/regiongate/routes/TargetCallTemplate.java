package io.regiongate.routes;

import io.regiongate.flow.Calls;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route template every call route is made from, one per local upstream and one per peer
 * runtime: build the outgoing request (the step named by {@code prepareStep}), call the target with
 * its timeouts, and turn its answer into the client's, streaming included. A whole answer is
 * fetched over camel-http; a stream is called by the {@code call-streaming} step, non-blocking on
 * the client connection's event loop, where its events are then relayed (that step takes the
 * target's URL and timeouts from the request's record, where the failover loop put its target).
 *
 * <p>Parameters: {@code entry} (the route's {@code direct:} endpoint), {@code prepareStep}
 * ({@link Steps#PREPARE_UPSTREAM_REQUEST} or {@link Steps#PREPARE_PEER_REQUEST}), {@code url}
 * (the target's API base URL, from configuration; the prepare step names the operation's path
 * below it in {@code CamelHttpPath}), {@code connectTimeoutMillis},
 * {@code responseTimeoutMillis}, {@code tlsOptions} (empty, or for a peer with mutual TLS
 * {@code &sslContextParameters=#<bean>}: the bean presents this runtime's certificate and trusts only
 * the link's CAs). Only camel-http endpoint options may stand in the URI: camel-http
 * sends any other parameter on to the target as a query parameter (component options such as
 * cookie handling are set on the component by the runtime).
 */
public final class TargetCallTemplate extends RouteBuilder {

    public static final String ENTRY = "entry";
    public static final String PREPARE_STEP = "prepareStep";
    public static final String URL = "url";
    public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
    public static final String RESPONSE_TIMEOUT_MILLIS = "responseTimeoutMillis";
    public static final String TLS_OPTIONS = "tlsOptions";

    @Override
    public void configure() {
        routeTemplate(Endpoints.TARGET_CALL_TEMPLATE)
                .templateParameter(ENTRY)
                .templateParameter(PREPARE_STEP)
                .templateParameter(URL)
                .templateParameter(CONNECT_TIMEOUT_MILLIS)
                .templateParameter(RESPONSE_TIMEOUT_MILLIS)
                .templateParameter(TLS_OPTIONS, "")
                .from("{{entry}}")
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .process("{{prepareStep}}").id("prepare-request")
                .choice().id("call-kind")
                    .when(Calls.STREAMED)
                        .process(Steps.CALL_STREAMING).id("call-streaming")
                    .otherwise()
                        .to("{{url}}?bridgeEndpoint=true&throwExceptionOnFailure=false&disableStreamCache=true"
                                + "&followRedirects=false"
                                + "&connectTimeout={{connectTimeoutMillis}}&responseTimeout={{responseTimeoutMillis}}"
                                + "&soTimeout={{responseTimeoutMillis}}{{tlsOptions}}").id("call")
                .end()
                .process(Steps.UPSTREAM_RESPONSE).id("response");
    }
}
