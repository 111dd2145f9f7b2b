package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * One event of a relayed stream: the call route's relay cuts the upstream's SSE body into events as
 * its bytes arrive and sends each through this route, on the event loop of the client's connection,
 * before it looks at the next. Steps: {@code parse-event} (its JSON, once), {@code meter-event} (quota
 * meter and audit tally), {@code transform-event} (withhold a cut-off event, and the usage chunk the
 * client did not ask for), {@code relay-event} (write and flush to the client; while too much waits
 * for the client's socket, the relay stops reading the upstream). Nothing here may block.
 * No splitter: a tokenizer splitter reads one event ahead, which would hold each event back until
 * the next one arrived.
 */
public final class StreamEventRoute extends RouteBuilder {

    public static final String ROUTE_ID = "stream-event";

    @Override
    public void configure() {
        from(Endpoints.STREAM_EVENT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(Endpoints.INTERNAL_FLOW_POLICY)
                .streamCache(false)
                .process(Steps.PARSE_EVENT).id("parse-event")
                .process(Steps.METER_EVENT).id("meter-event")
                .process(Steps.TRANSFORM_EVENT).id("transform-event")
                .process(Steps.RELAY_EVENT).id("relay-event");
    }
}
