package io.regiongate.routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * One event of a relayed stream: the call route's relay reads the upstream's SSE body one event at
 * a time and sends each through this route, on its own thread, before it reads the next. Steps:
 * {@code parse-event} (its JSON, once), {@code meter-event} (quota meter and audit tally),
 * {@code transform-event} (withhold a cut-off event, and the usage chunk the client did not ask
 * for), {@code relay-event} (write and flush to the client, waiting while its queue is full).
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
