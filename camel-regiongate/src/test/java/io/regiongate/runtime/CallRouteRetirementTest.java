package io.regiongate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class CallRouteRetirementTest {

    @Test
    void aReplacedCallRouteIsRemovedOnlyOnceItsLastCallHasEnded() throws Exception {
        CountDownLatch callEntered = new CountDownLatch(1);
        CountDownLatch callMayEnd = new CountDownLatch(1);
        CountDownLatch removed = new CountDownLatch(1);
        try (CamelContext context = new DefaultCamelContext();
             CallRouteRetirement retirement = new CallRouteRetirement(() -> context, Duration.ZERO)) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:old-call").routeId("upstream-a").process(exchange -> {
                        callEntered.countDown();
                        callMayEnd.await(10, TimeUnit.SECONDS);
                    });
                }
            });
            context.start();
            CompletableFuture<Object> call = context.createProducerTemplate().asyncRequestBody("direct:old-call", "prompt");
            assertThat(callEntered.await(10, TimeUnit.SECONDS)).isTrue();

            retirement.retire("upstream-a", removed::countDown);

            assertThat(removed.await(2 * CallRouteRetirement.CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS))
                    .as("removed while a call is in flight on it").isFalse();
            assertThat(context.getRoute("upstream-a")).isNotNull();
            callMayEnd.countDown();
            call.get(10, TimeUnit.SECONDS);
            assertThat(removed.await(10, TimeUnit.SECONDS)).as("removed once the call ended").isTrue();
            assertThat(context.getRoute("upstream-a")).isNull();
        }
    }
}
