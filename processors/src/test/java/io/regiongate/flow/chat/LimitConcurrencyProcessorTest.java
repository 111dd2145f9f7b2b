package io.regiongate.flow.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.regiongate.api.GatewayException;
import io.regiongate.call.GatewayCall;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.QuotaConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.Calls;
import io.regiongate.quota.ConcurrentRequests;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A tenant has at most max-concurrent-requests in flight here; each ending request gives its place back. */
class LimitConcurrencyProcessorTest {

    private final ConcurrentRequests concurrent = new ConcurrentRequests();
    private final LimitConcurrencyProcessor step = new LimitConcurrencyProcessor(concurrent);
    private final DefaultCamelContext context = new DefaultCamelContext();

    private Exchange requestOf(Long maxConcurrent) {
        Exchange exchange = new DefaultExchange(context);
        GatewayCall call = new GatewayCall("req", Instant.now(), null);
        call.authenticated(new TenantConfig("acme", "0".repeat(64), "eu", CrossBorder.NEVER,
                new QuotaConfig(null, null, null, null, null, maxConcurrent), null, null), "default", null);
        Calls.begin(exchange, call);
        return exchange;
    }

    @Test
    void refusesTheRequestBeyondTheLimitWith429AndAdmitsAgainOnceOneEnded() {
        Exchange first = requestOf(2L);
        Exchange second = requestOf(2L);
        step.process(first);
        step.process(second);

        GatewayException refused = catchThrowableOfType(GatewayException.class, () -> step.process(requestOf(2L)));
        assertThat(refused.error().status()).isEqualTo(429);
        assertThat(refused.error().code()).isEqualTo("rate_limit_exceeded");

        first.getExchangeExtension().handoverCompletions().forEach(done -> done.onFailure(first));
        assertThat(concurrent.inFlight("acme")).isEqualTo(1);
        step.process(requestOf(2L));
        assertThat(concurrent.inFlight("acme")).isEqualTo(2);
    }

    @Test
    void aTenantWithoutTheLimitIsNotCounted() {
        step.process(requestOf(null));

        assertThat(concurrent.inFlight("acme")).isZero();
    }
}
