package io.regiongate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API routes answer every failure through the one error policy; the internal flows handle
 * nothing themselves, so that a failure reaches the failover loop or the API route that called them.
 */
class ApiErrorPolicyTest {

    private final RouteHarness harness = new RouteHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void everyApiRouteUsesTheApiErrorPolicyAndEveryInternalFlowTheInternalOne() {
        harness.routes(new ApiErrorPolicy(), new ChatCompletionsRoute(), new ModelsRoute(), new HealthRoute(),
                new AdminUsageRoute(), new MetricsRoute(), new DispatchRoute(), new StreamEventRoute());

        for (String api : List.of(ChatCompletionsRoute.ROUTE_ID, ModelsRoute.ROUTE_ID, HealthRoute.LIVE_ROUTE_ID,
                HealthRoute.READY_ROUTE_ID, AdminUsageRoute.ROUTE_ID, MetricsRoute.ROUTE_ID)) {
            assertThat(harness.definition(api).getRouteConfigurationId()).as(api).isEqualTo(Endpoints.API_ERROR_POLICY);
        }
        for (String internal : List.of(DispatchRoute.ROUTE_ID, StreamEventRoute.ROUTE_ID)) {
            assertThat(harness.definition(internal).getRouteConfigurationId()).as(internal)
                    .isEqualTo(Endpoints.INTERNAL_FLOW_POLICY);
        }
    }
}
