package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An idle region whose only upstream dies is found out by its active probes, without any client
 * request failing on it: it turns not-ready within {@code probe.interval × unhealthy-after} and a
 * second, is left out of dispatch, and turns ready again once the upstream answers its probes.
 */
class ActiveProbesIT {

    private static final TestTenant TENANT = TestTenant.acmeEu();
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final int UNHEALTHY_AFTER = 2;
    private static final String ANSWER = VendorReplies.completionJson("chatcmpl-probe", "alive");

    private static final String ONLY_UPSTREAM = "eu-only";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("active-probes")
            .configure(config -> config.probes("{interval: " + INTERVAL.toMillis() + "ms, timeout: 400ms, unhealthy-after: "
                    + UNHEALTHY_AFTER + ", healthy-after: 2}"))
            .tenant(TENANT)
            // the scripted vendor answers one path: its probe asks there
            .upstream(Upstream.openAi(ONLY_UPSTREAM, EU).probePath("/chat/completions"),
                    ScriptedUpstream.answering(200, ANSWER, Map.of()));

    @Test
    void anIdleRegionWhoseOnlyUpstreamDiesTurnsNotReadyWithoutAnyClientRequestAndReadyWhenItReturns() {
        GatewayProcess gateway = deployment.gateway();
        Poll.require(Duration.ofSeconds(10), () -> "healthy".equals(probeOf(Readiness.of(gateway))),
                () -> "the upstream was never probed healthy: " + Readiness.of(gateway).body());
        int requestsBefore = deployment.calls(ONLY_UPSTREAM);

        // when the upstream dies (its probes and any request would get 500)
        deployment.vendor(ONLY_UPSTREAM).become(VendorReplies.fails(500));
        long died = System.nanoTime();

        // then the region turns not-ready in time, naming why, and no client request was needed
        Duration detectWithin = INTERVAL.multipliedBy(UNHEALTHY_AFTER).plusSeconds(1);
        Poll.require(detectWithin.plusSeconds(2), () -> Readiness.of(gateway).status() == 503,
                () -> "still ready: " + Readiness.of(gateway).body());
        Duration detected = Duration.ofNanos(System.nanoTime() - died);
        System.out.printf("[e2e] dead upstream detected after %d ms (bound %d ms)%n", detected.toMillis(),
                detectWithin.toMillis());
        assertThat(detected).isLessThanOrEqualTo(detectWithin);
        Readiness down = Readiness.of(gateway);
        assertThat(down.body().path("reason").asText()).contains("no upstream in eu-west-1 can serve");
        assertThat(probeOf(down)).isEqualTo("unhealthy");
        assertThat(down.upstreamBreaker(ONLY_UPSTREAM)).as("found by probes, not by failing requests").isEqualTo("closed");

        // and a request meanwhile is not sent to it
        int probesSoFar = deployment.calls(ONLY_UPSTREAM);
        var answer = new ChatClient().post(gateway.uri("/v1/chat/completions"), TENANT,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(deployment.received(ONLY_UPSTREAM).stream().skip(probesSoFar)
                .noneMatch(request -> "POST".equals(request.method())))
                .as("no chat request reached the unhealthy upstream").isTrue();
        assertThat(deployment.received(ONLY_UPSTREAM).stream().limit(requestsBefore)
                .allMatch(request -> "GET".equals(request.method())))
                .as("before: only probes").isTrue();

        // when it answers again, then the region turns ready again
        deployment.vendor(ONLY_UPSTREAM).become(ScriptedUpstream.answering(200, ANSWER, Map.of()));
        Poll.require(Duration.ofSeconds(10), () -> Readiness.of(gateway).status() == 200,
                () -> "not ready again: " + Readiness.of(gateway).body());
        assertThat(new ChatClient().post(gateway.uri("/v1/chat/completions"), TENANT,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(200);
    }

    private static String probeOf(Readiness readiness) {
        return readiness.body().path("upstreams").get(0).path("probe").asText();
    }
}
