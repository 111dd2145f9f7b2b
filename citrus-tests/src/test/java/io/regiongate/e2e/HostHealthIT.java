package io.regiongate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5 of the embedding issue: RegionGate registers the region's readiness with the host
 * context's Camel health-check registry, so the host's own health endpoint reports it. While the
 * region's only upstream is down (nothing listens there; the active probes find it so), the
 * host's readiness is down, naming the reason and the upstream.
 */
class HostHealthIT {

    private static final String ONLY_UPSTREAM = "eu-only";
    private static final String CHECK = "regiongate-" + Deployment.EU;

    @RegisterExtension
    static final Deployment deployment = Deployment.camelHost("host-health", new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:host-heartbeat?period=60000").routeId("host-heartbeat").log("the host's own route");
                }
            })
            .configure(config -> config.probes("{interval: 200ms, timeout: 200ms, unhealthy-after: 1, healthy-after: 1}"))
            .tenant(TestTenant.acmeEu())
            .upstream(Upstream.unreachable(ONLY_UPSTREAM, Deployment.EU));

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theHostIsNotReadyWhileTheRegionsOnlyUpstreamIsDown() {
        Poll.require(Duration.ofSeconds(30), () -> regionCheck().map(r -> r.getState() == HealthCheck.State.DOWN)
                        .orElse(false),
                () -> "the host's readiness still reports " + regionCheck().map(HealthCheck.Result::getState));

        HealthCheck.Result region = regionCheck().orElseThrow();
        assertThat(region.getMessage()).get().asString().contains("no upstream in " + Deployment.EU + " can serve");
        assertThat(region.getDetails()).containsEntry("upstreams." + ONLY_UPSTREAM + ".probe", "unhealthy");
        Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(deployment.host().context());
        assertThat(readiness).anyMatch(result -> result.getState() == HealthCheck.State.DOWN);
        assertThat(HealthCheckHelper.invokeLiveness(deployment.host().context()))
                .as("a region that cannot serve is alive").noneMatch(result -> result.getCheck().getId().equals(CHECK));
    }

    private static Optional<HealthCheck.Result> regionCheck() {
        return HealthCheckHelper.invokeReadiness(deployment.host().context()).stream()
                .filter(result -> result.getCheck().getId().equals(CHECK))
                .findFirst();
    }
}
