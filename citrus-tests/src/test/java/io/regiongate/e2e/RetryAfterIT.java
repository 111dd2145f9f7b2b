package io.regiongate.e2e;

import static io.regiongate.e2e.support.ChatClient.header;
import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.VendorReplies.chatRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiongate.e2e.support.ChatClient;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.BreakerSettings;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.ScriptedUpstream.ReceivedRequest;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A vendor's {@code 429} with {@code Retry-After: N} keeps that upstream out of rotation for N
 * seconds: the request is served by the secondary, the following ones skip the primary without
 * calling it, and after N seconds the primary is tried again. The breakers are lenient here, so
 * that only the cooldown is measured.
 */
class RetryAfterIT {

    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(RETRY_AFTER_SECONDS);

    /** model gpt-4o: 429 with Retry-After. */
    private static final String PRIMARY = "eu-primary";
    private static final String SECONDARY = "eu-secondary";
    /** model gpt-4o-plain: 429 without Retry-After. */
    private static final String PLAIN_MODEL = "gpt-4o-plain";
    private static final String PLAIN_PRIMARY = "eu-plain-primary";
    private static final String PLAIN_SECONDARY = "eu-plain-secondary";
    /** model gpt-4o-limited: 429 with a Retry-After longer than a client waits. */
    private static final String LIMITED_MODEL = "gpt-4o-limited";
    private static final String LIMITED_PRIMARY = "eu-limited-primary";
    private static final String LIMITED_SECONDARY = "eu-limited-secondary";

    @RegisterExtension
    static final Deployment deployment = Deployment.oneRegion("retry-after")
            .tenant(ACME_EU)
            .circuitBreaker("default", BreakerSettings.lenient())
            .upstream(Upstream.openAi(PRIMARY, EU).priority(1), VendorReplies.rateLimited(RETRY_AFTER_SECONDS))
            .upstream(Upstream.openAi(SECONDARY, EU).priority(2),
                    VendorReplies.completes("chatcmpl-secondary", "served by eu-secondary"))
            .upstream(Upstream.openAi(PLAIN_PRIMARY, EU).models(PLAIN_MODEL).priority(1), VendorReplies.rateLimited(null))
            .upstream(Upstream.openAi(PLAIN_SECONDARY, EU).models(PLAIN_MODEL).priority(2),
                    VendorReplies.completes("chatcmpl-plain", "served by eu-plain-secondary"))
            .upstream(Upstream.openAi(LIMITED_PRIMARY, EU).models(LIMITED_MODEL).priority(1), VendorReplies.rateLimited(5))
            .upstream(Upstream.openAi(LIMITED_SECONDARY, EU).models(LIMITED_MODEL).priority(2),
                    VendorReplies.completes("chatcmpl-limited", "served by eu-limited-secondary"));

    private final ChatClient gatewayClient = new ChatClient();

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void keepsRateLimitedPrimaryOutOfRotationForItsRetryAfterThenTriesItAgain() {
        // given a primary answering 429 with Retry-After: 2
        deployment.vendor(PRIMARY).become(VendorReplies.rateLimited(RETRY_AFTER_SECONDS));

        // when the EU tenant asks
        HttpResponse<String> first = ask("gpt-4o");

        // then the secondary serves it, the 429 named as the hop
        assertServedBy(first, SECONDARY, "eu-primary:http-429>eu-secondary:ok");
        List<ReceivedRequest> rateLimitedCalls = deployment.received(PRIMARY);
        assertThat(rateLimitedCalls).as("calls the primary answered with 429").isNotEmpty();
        long lastRateLimitAt = rateLimitedCalls.get(rateLimitedCalls.size() - 1).receivedAtNanos();

        // when the primary could serve again, yet its Retry-After has not passed
        deployment.vendor(PRIMARY).become(VendorReplies.completes("chatcmpl-primary", "served by eu-primary"));
        for (int i = 0; i < 3; i++) {
            // then the following requests skip it without calling it
            assertServedBy(ask("gpt-4o"), SECONDARY, "eu-primary:cooldown>eu-secondary:ok");
        }
        Duration checkedWithin = Duration.ofNanos(System.nanoTime() - lastRateLimitAt);
        assertThat(deployment.received(PRIMARY)).as("primary calls during its cooldown").hasSameSizeAs(rateLimitedCalls);
        assertThat(checkedWithin).as("the cooldown checks ran inside the Retry-After window")
                .isLessThan(RETRY_AFTER.minusMillis(500));

        // and once Retry-After has passed, the primary is tried again and serves
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        Poll.require(RETRY_AFTER.plusSeconds(5), () -> {
            answer.set(ask("gpt-4o"));
            return PRIMARY.equals(header(answer.get(), "X-RegionGate-Upstream"));
        }, () -> "the primary never served again; last answer: " + answer.get().headers().map());
        assertServedBy(answer.get(), PRIMARY, null);
        List<ReceivedRequest> calls = deployment.received(PRIMARY);
        assertThat(calls).as("primary calls").hasSize(rateLimitedCalls.size() + 1);
        assertThat(Duration.ofNanos(calls.get(calls.size() - 1).receivedAtNanos() - lastRateLimitAt))
                .as("time between the 429 and the next call to the primary").isGreaterThanOrEqualTo(RETRY_AFTER.minusMillis(100));
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void triesRateLimitedPrimaryAgainAtOnceWhenItGivesNoRetryAfter() {
        // given a primary answering 429 without Retry-After
        // when the EU tenant asks twice
        assertServedBy(ask(PLAIN_MODEL), PLAIN_SECONDARY, "eu-plain-primary:http-429>eu-plain-secondary:ok");
        int callsAfterFirst = deployment.calls(PLAIN_PRIMARY);
        HttpResponse<String> second = ask(PLAIN_MODEL);

        // then the second is tried on the primary again: no cooldown is guessed
        assertServedBy(second, PLAIN_SECONDARY, "eu-plain-primary:http-429>eu-plain-secondary:ok");
        assertThat(deployment.calls(PLAIN_PRIMARY)).as("primary calls by the second request").isGreaterThan(callsAfterFirst);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void callsRateLimitedPrimaryOnceAndFailsOverWithoutWaitingOutItsRetryAfter() {
        int primaryCalls = deployment.calls(LIMITED_PRIMARY);

        long started = System.nanoTime();
        HttpResponse<String> answer = ask(LIMITED_MODEL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertServedBy(answer, LIMITED_SECONDARY, "eu-limited-primary:http-429>eu-limited-secondary:ok");
        assertThat(deployment.calls(LIMITED_PRIMARY)).as("calls the rate-limited primary received for one request")
                .isEqualTo(primaryCalls + 1);
        assertThat(took).as("time to the secondary's answer").isLessThan(Duration.ofSeconds(2));
    }

    private HttpResponse<String> ask(String model) {
        return gatewayClient.post(deployment.uri("/v1/chat/completions"), ACME_EU,
                chatRequest(model, "retry-after-" + UUID.randomUUID(), false));
    }

    private static void assertServedBy(HttpResponse<String> answer, String upstreamId, String failover) {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(200);
        assertThat(header(answer, "X-RegionGate-Upstream")).isEqualTo(upstreamId);
        assertThat(header(answer, "X-RegionGate-Failover")).as("X-RegionGate-Failover").isEqualTo(failover);
    }
}
