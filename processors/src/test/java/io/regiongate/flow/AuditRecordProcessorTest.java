package io.regiongate.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.ChatRequest;
import io.regiongate.audit.AuditRecord;
import io.regiongate.audit.AuditRecordFactory;
import io.regiongate.config.CrossBorder;
import io.regiongate.config.TenantConfig;
import io.regiongate.residency.ResidencyDecision;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What of a request's content its audit record keeps, depending on where the record is written. */
class AuditRecordProcessorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:01Z"), ZoneOffset.UTC);
    private static final TenantConfig ACME_EU = new TenantConfig("acme-eu", "0".repeat(64), "eu", CrossBorder.NEVER,
            null, null, null);
    private static final ResidencyDecision EU_ONLY = new ResidencyDecision("acme-eu", CrossBorder.NEVER,
            List.of("eu-west-1", "eu-central-1"), "policy never: home zone eu only", null, null, false);
    private static final String REGION_UNAVAILABLE = "{\"error\":{\"message\":\"no allowed peer could serve it\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":\"region_unavailable\"}}";

    /** The record of an EU tenant's request that the EU peer could not serve, answered 503 by {@code region}'s runtime. */
    private static AuditRecord recordOfAFailedForwardWrittenIn(String region) throws Exception {
        ObjectNode body = (ObjectNode) new ObjectMapper().readTree(
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt\"}]}");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.REQUEST_ID, "req_1");
        exchange.setProperty(ExchangeKeys.TENANT, ACME_EU);
        exchange.setProperty(ExchangeKeys.CHAT_REQUEST, new ChatRequest(body, "gpt-4o", false));
        exchange.setProperty(ExchangeKeys.RESIDENCY, EU_ONLY);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        exchange.getMessage().setBody(REGION_UNAVAILABLE.getBytes());

        new AuditRecordProcessor(new AuditRecordFactory(region, CLOCK)).process(exchange);

        return exchange.getProperty(ExchangeKeys.AUDIT_RECORD, AuditRecord.class);
    }

    @Test
    void keepsNoContentHashOfAPinnedRequestInARegionItsResidencyExcludesEvenWhenNoPeerServedIt() throws Exception {
        AuditRecord record = recordOfAFailedForwardWrittenIn("us-east-1");

        assertThat(record.content()).isEqualTo(new AuditRecord.Content("none", null, null));
        assertThat(record.status()).isEqualTo(503);
        assertThat(record.tenant()).isEqualTo("acme-eu");
    }

    @Test
    void keepsTheTenantsContentHashesInARegionItsResidencyAllows() throws Exception {
        AuditRecord record = recordOfAFailedForwardWrittenIn("eu-west-1");

        assertThat(record.content().policy()).isEqualTo("hash");
        assertThat(record.content().promptSha256()).hasSize(64);
    }
}
