package io.regiongate.flow.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.api.GatewayException;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.QuotaConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.flow.answer.ResponseHeaders;
import io.regiongate.quota.InMemoryQuotaLedger;
import io.regiongate.quota.MutableClock;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaMetrics;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/usage/{tenant}}: the admin token guards it; it reports this region's counters. */
class AdminUsageProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QuotaConfig QUOTAS = new QuotaConfig(10L, null, 1000L, null);
    private static final GatewayConfig CONFIG = new GatewayConfig("eu-west-1", null, Map.of("eu", List.of("eu-west-1")),
            null, null, null, List.of(new TenantConfig("acme", "0".repeat(64), "eu", null, QUOTAS, null, null)),
            null, null, "test");

    private final MutableClock clock = MutableClock.at("2025-05-20T12:00:10.250Z");
    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(clock);
    private final QuotaMetrics metrics = new QuotaMetrics();

    private Exchange request(String tenant, String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(AdminUsageProcessor.TENANT_PARAM, tenant);
        if (authorization != null) {
            exchange.getIn().setHeader(GatewayHeaders.AUTHORIZATION, authorization);
        }
        return exchange;
    }

    private AdminUsageProcessor processor(String token) {
        return new AdminUsageProcessor(CONFIG, ledger, metrics, AdminAuthorization.ofToken(token), new ResponseHeaders("eu-west-1"));
    }

    private static int refusalStatus(AdminUsageProcessor processor, Exchange exchange) {
        return catchThrowableOfType(GatewayException.class, () -> processor.process(exchange)).error().status();
    }

    @Test
    void reportsEachLimitedWindowWithUsedRemainingAndReset() throws Exception {
        ledger.admit("acme", QuotaLimits.of(QUOTAS), 300);
        metrics.admitted("acme");
        Exchange exchange = request("acme", "Bearer s3cret");

        processor("s3cret").process(exchange);

        JsonNode body = JSON.readTree(exchange.getMessage().getBody(String.class));
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(body.path("region").asText()).isEqualTo("eu-west-1");
        JsonNode day = body.path("windows").get(1);
        assertThat(day.path("limit-name").asText()).isEqualTo("tokens-per-day");
        assertThat(day.path("used").asLong()).isEqualTo(300);
        assertThat(day.path("remaining").asLong()).isEqualTo(700);
        assertThat(day.path("resets-at").asText()).isEqualTo("2025-05-21T00:00:00Z");
        assertThat(body.path("admissions").path("admitted").asLong()).isEqualTo(1);
    }

    @Test
    void refusesMissingAndWrongTokensAndHidesItselfWithoutOne() {
        assertThat(refusalStatus(processor("s3cret"), request("acme", null))).isEqualTo(401);
        assertThat(refusalStatus(processor("s3cret"), request("acme", "Bearer s3cret-not"))).isEqualTo(403);
        assertThat(refusalStatus(processor(null), request("acme", "Bearer anything"))).isEqualTo(404);
        assertThat(refusalStatus(processor("s3cret"), request("nobody", "Bearer s3cret"))).isEqualTo(404);
    }
}
