package io.regiongate.e2e;

import static io.regiongate.e2e.support.ChatClient.header;
import static io.regiongate.e2e.support.OpenAiErrorShape.SERVER_ERROR;
import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.OpenAiErrorShape;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.Readiness;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover inside the home zone, and the circuit breaker of each upstream: an EU tenant whose
 * primary upstream fails is served by the secondary, the hop named in {@code X-RegionGate-Failover};
 * after {@code minimum-calls} failures the primary's breaker opens and the primary is left alone;
 * after {@code wait-in-open} it is probed half-open and, answering again, closes and serves.
 *
 * <p>Each scenario uses its own model, served by its own pair of upstreams, so that the breakers
 * of one scenario never carry state into another.
 */
class ZoneFailoverIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final TestTenant HOOLI_US = TestTenant.of("hooli-us", "us");
    private static final int MINIMUM_CALLS = 3;
    private static final int HALF_OPEN_CALLS = 2;
    private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(2);

    /** model gpt-4o: the breaker's whole cycle. */
    private static final String EU_PRIMARY = "eu-primary";
    private static final String EU_SECONDARY = "eu-secondary";
    /** model gpt-4o-relapse: a half-open probe that fails again. */
    private static final String RELAPSE_MODEL = "gpt-4o-relapse";
    private static final String EU_RELAPSE_PRIMARY = "eu-relapse-primary";
    private static final String EU_RELAPSE_SECONDARY = "eu-relapse-secondary";
    /** model gpt-4o-busy: a primary answering 503. */
    private static final String BUSY_MODEL = "gpt-4o-busy";
    private static final String EU_BUSY_PRIMARY = "eu-busy-primary";
    private static final String EU_BUSY_SECONDARY = "eu-busy-secondary";
    /** the US runtime's only upstream, for readiness. */
    private static final String US_ONLY = "us-only";

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("zone-failover")
            .tenant(ACME_EU, "never")
            .tenant(HOOLI_US, "never")
            .circuitBreaker("default", new BreakerSettings(50, MINIMUM_CALLS, WAIT_IN_OPEN, HALF_OPEN_CALLS, null))
            .upstream(Upstream.openAi(EU_PRIMARY, EU).priority(1), VendorReplies.fails(500))
            .upstream(Upstream.openAi(EU_SECONDARY, EU).priority(2),
                    VendorReplies.completes("chatcmpl-secondary", "served by eu-secondary"))
            .upstream(Upstream.openAi(EU_RELAPSE_PRIMARY, EU).models(RELAPSE_MODEL).priority(1), VendorReplies.fails(500))
            .upstream(Upstream.openAi(EU_RELAPSE_SECONDARY, EU).models(RELAPSE_MODEL).priority(2),
                    VendorReplies.completes("chatcmpl-relapse", "served by eu-relapse-secondary"))
            .upstream(Upstream.openAi(EU_BUSY_PRIMARY, EU).models(BUSY_MODEL).priority(1), VendorReplies.fails(503))
            .upstream(Upstream.openAi(EU_BUSY_SECONDARY, EU).models(BUSY_MODEL).priority(2),
                    VendorReplies.completes("chatcmpl-busy", "served by eu-busy-secondary"))
            .upstream(Upstream.openAi(US_ONLY, US), VendorReplies.fails(500));

    private final ChatClient gatewayClient = new ChatClient();

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void opensPrimaryBreakerAfterMinimumCallsThenClosesItOnceHalfOpenProbesSucceed() {
        // given the EU primary answering 500
        deployment.vendor(EU_PRIMARY).become(VendorReplies.fails(500));
        int primaryCalls = deployment.calls(EU_PRIMARY);

        // when the EU tenant sends minimum-calls requests
        for (int i = 1; i <= MINIMUM_CALLS; i++) {
            HttpResponse<String> answer = ask(EU, "gpt-4o");
            // then each is served in-zone by the secondary, the hop named
            assertServedBy(answer, EU_SECONDARY, "eu-primary:http-500>eu-secondary:ok");
            assertThat(answer.body()).contains("served by eu-secondary");
            assertThat(deployment.calls(EU_PRIMARY)).as("eu-primary calls after request %d", i).isEqualTo(primaryCalls + i);
        }
        long openedAt = System.nanoTime();

        // and the primary's breaker is open, while the runtime stays ready on the secondary
        Readiness readiness = Readiness.of(deployment.eu());
        assertThat(readiness.upstreamBreaker(EU_PRIMARY)).as("eu-primary breaker").isEqualTo("open");
        assertThat(readiness.upstreamBreaker(EU_SECONDARY)).as("eu-secondary breaker").isEqualTo("closed");
        assertThat(readiness.status()).as("readiness with one breaker still closed").isEqualTo(200);
        assertThat(readiness.upstreamIds()).as("upstreams of the EU runtime").doesNotContain(US_ONLY);

        // and while it is open, requests skip the primary without calling it
        for (int i = 0; i < 2; i++) {
            assertServedBy(ask(EU, "gpt-4o"), EU_SECONDARY, "eu-primary:open>eu-secondary:ok");
        }
        assertThat(deployment.calls(EU_PRIMARY)).as("eu-primary calls while its breaker is open")
                .isEqualTo(primaryCalls + MINIMUM_CALLS);

        // when the primary answers again and wait-in-open has passed
        deployment.vendor(EU_PRIMARY).become(VendorReplies.completes("chatcmpl-primary", "served by eu-primary"));
        Poll.require(WAIT_IN_OPEN.plusSeconds(10),
                () -> "half-open".equals(Readiness.of(deployment.eu()).upstreamBreaker(EU_PRIMARY)),
                () -> "eu-primary's breaker did not go half-open: " + Readiness.of(deployment.eu()).body());
        assertThat(Duration.ofNanos(System.nanoTime() - openedAt))
                .as("time the breaker stayed open").isGreaterThanOrEqualTo(WAIT_IN_OPEN.minusMillis(100));

        // then the half-open probes go to the primary, which serves them
        for (int probe = 1; probe <= HALF_OPEN_CALLS; probe++) {
            assertThat(Readiness.of(deployment.eu()).upstreamBreaker(EU_PRIMARY))
                    .as("eu-primary breaker before probe %d", probe).isEqualTo("half-open");
            HttpResponse<String> answer = ask(EU, "gpt-4o");
            assertServedBy(answer, EU_PRIMARY, null);
            assertThat(answer.body()).contains("served by eu-primary");
        }

        // and the breaker closes; the primary serves again
        assertThat(Readiness.of(deployment.eu()).upstreamBreaker(EU_PRIMARY)).as("eu-primary breaker").isEqualTo("closed");
        assertServedBy(ask(EU, "gpt-4o"), EU_PRIMARY, null);
        assertThat(deployment.calls(EU_PRIMARY)).isEqualTo(primaryCalls + MINIMUM_CALLS + HALF_OPEN_CALLS + 1);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void reopensBreakerWhenHalfOpenProbesFailAgain() {
        // given the relapse primary failing until its breaker opens
        deployment.vendor(EU_RELAPSE_PRIMARY).become(VendorReplies.fails(500));
        for (int i = 0; i < MINIMUM_CALLS; i++) {
            assertServedBy(ask(EU, RELAPSE_MODEL), EU_RELAPSE_SECONDARY, "eu-relapse-primary:http-500>eu-relapse-secondary:ok");
        }
        assertThat(Readiness.of(deployment.eu()).upstreamBreaker(EU_RELAPSE_PRIMARY)).isEqualTo("open");
        Poll.require(WAIT_IN_OPEN.plusSeconds(10),
                () -> "half-open".equals(Readiness.of(deployment.eu()).upstreamBreaker(EU_RELAPSE_PRIMARY)),
                () -> "eu-relapse-primary's breaker did not go half-open");
        int primaryCalls = deployment.calls(EU_RELAPSE_PRIMARY);

        // when the half-open probes reach a primary that still fails
        for (int probe = 0; probe < HALF_OPEN_CALLS; probe++) {
            assertServedBy(ask(EU, RELAPSE_MODEL), EU_RELAPSE_SECONDARY, "eu-relapse-primary:http-500>eu-relapse-secondary:ok");
        }

        // then the breaker is open again and the primary is left alone
        assertThat(deployment.calls(EU_RELAPSE_PRIMARY)).as("probes that reached the primary").isEqualTo(primaryCalls + HALF_OPEN_CALLS);
        assertThat(Readiness.of(deployment.eu()).upstreamBreaker(EU_RELAPSE_PRIMARY)).isEqualTo("open");
        assertServedBy(ask(EU, RELAPSE_MODEL), EU_RELAPSE_SECONDARY, "eu-relapse-primary:open>eu-relapse-secondary:ok");
        assertThat(deployment.calls(EU_RELAPSE_PRIMARY)).isEqualTo(primaryCalls + HALF_OPEN_CALLS);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void reportsNotReadyWhileEveryLocalBreakerIsOpenAndReadyAgainWhenHalfOpen() {
        // given the US runtime's only upstream failing
        deployment.vendor(US_ONLY).become(VendorReplies.fails(500));

        // when a US tenant (never) sends minimum-calls requests
        for (int i = 0; i < MINIMUM_CALLS; i++) {
            HttpResponse<String> answer = ask(US, "gpt-4o", HOOLI_US);
            // then each fails closed in its home zone
            assertThat(answer.statusCode()).as("answer %d: %s", i, answer.body()).isEqualTo(503);
            OpenAiErrorShape.assertError(answer.body(), SERVER_ERROR, "region_unavailable", null);
        }

        // then the US runtime reports itself not ready, naming the open breaker
        Readiness readiness = Readiness.of(deployment.us());
        assertThat(readiness.status()).as("readiness: %s", readiness.body()).isEqualTo(503);
        assertThat(readiness.body().path("status").asText()).isEqualTo("not-ready");
        assertThat(readiness.upstreamBreaker(US_ONLY)).isEqualTo("open");
        // and the EU runtime, whose upstreams are untouched, stays ready
        assertThat(Readiness.of(deployment.eu()).status()).isEqualTo(200);

        // and once wait-in-open passed, the half-open breaker makes it ready again
        Poll.require(WAIT_IN_OPEN.plusSeconds(10), () -> Readiness.of(deployment.us()).status() == 200,
                () -> "the US runtime did not become ready again: " + Readiness.of(deployment.us()).body());
        assertThat(Readiness.of(deployment.us()).upstreamBreaker(US_ONLY)).isEqualTo("half-open");
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void failsOverAtOnceWithoutRepeatingTheCallWhenPrimaryAnswers503() {
        int primaryCalls = deployment.calls(EU_BUSY_PRIMARY);
        long started = System.nanoTime();

        HttpResponse<String> answer = ask(EU, BUSY_MODEL);

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertServedBy(answer, EU_BUSY_SECONDARY, "eu-busy-primary:http-503>eu-busy-secondary:ok");
        assertThat(deployment.calls(EU_BUSY_PRIMARY)).as("calls the busy primary received for one request")
                .isEqualTo(primaryCalls + 1);
        assertThat(tookMillis).as("ms until the secondary's answer").isLessThan(900);
    }

    private HttpResponse<String> ask(String region, String model) {
        return ask(region, model, ACME_EU);
    }

    private HttpResponse<String> ask(String region, String model, TestTenant tenant) {
        return gatewayClient.post(deployment.uri(region, "/v1/chat/completions"), tenant,
                chatRequest(model, "zone-failover-" + UUID.randomUUID(), false));
    }

    private static void assertServedBy(HttpResponse<String> answer, String upstreamId, String failover) {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(200);
        assertThat(header(answer, "X-RegionGate-Region")).isEqualTo(EU);
        assertThat(header(answer, "X-RegionGate-Upstream")).isEqualTo(upstreamId);
        assertThat(header(answer, "X-RegionGate-Failover")).as("X-RegionGate-Failover").isEqualTo(failover);
    }
}
