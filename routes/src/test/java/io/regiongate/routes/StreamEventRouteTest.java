package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each stream event passes parse, meter, transform and relay in that order; a failure goes back to the relay. */
class StreamEventRouteTest {

    private final RouteHarness harness = new RouteHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void runsTheFourStepsInOrder() {
        harness.routes(new ApiErrorPolicy(), new StreamEventRoute())
                .steps(Steps.PARSE_EVENT, Steps.METER_EVENT, Steps.TRANSFORM_EVENT, Steps.RELAY_EVENT).start();

        Exchange done = harness.send(Endpoints.STREAM_EVENT, exchange -> { });

        assertThat(done.isFailed()).isFalse();
        assertThat(harness.ran()).containsExactly(Steps.PARSE_EVENT, Steps.METER_EVENT, Steps.TRANSFORM_EVENT,
                Steps.RELAY_EVENT);
        assertThat(harness.nodeIds(StreamEventRoute.ROUTE_ID))
                .containsExactly("parse-event", "meter-event", "transform-event", "relay-event");
    }

    @Test
    void aFailingStepStopsTheEventAndReachesTheRelayThatSentIt() {
        IllegalStateException broken = new IllegalStateException("meter broke");
        harness.routes(new ApiErrorPolicy(), new StreamEventRoute())
                .steps(Steps.PARSE_EVENT, Steps.TRANSFORM_EVENT, Steps.RELAY_EVENT)
                .step(Steps.METER_EVENT, exchange -> {
                    throw broken;
                }).start();

        Exchange done = harness.send(Endpoints.STREAM_EVENT, exchange -> { });

        assertThat(done.getException()).isSameAs(broken);
        assertThat(harness.ran()).containsExactly(Steps.PARSE_EVENT, Steps.METER_EVENT);
    }
}
