package io.regiongate.flow.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.config.GatewayConfig;
import io.regiongate.config.TenantConfig;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.flow.answer.ResponseHeaders;
import io.regiongate.quota.QuotaLedger;
import io.regiongate.quota.QuotaLimits;
import io.regiongate.quota.QuotaMetrics;
import io.regiongate.quota.QuotaUsage;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code GET /admin/usage/{tenant}}: this region's counters for one tenant, with each limit, what
 * remains and when it resets, and the admission counts. Guarded by the {@link AdminAuthorization}
 * (the admin token from the environment, {@value #ADMIN_TOKEN_ENV}).
 */
public final class AdminUsageProcessor implements Processor {

    public static final String ADMIN_TOKEN_ENV = "REGIONGATE_ADMIN_TOKEN";
    /** The path parameter platform-http sets as a header. */
    public static final String TENANT_PARAM = "tenant";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<GatewayConfig> currentConfig;
    private final QuotaLedger ledger;
    private final QuotaMetrics metrics;
    private final AdminAuthorization admin;
    private final ResponseHeaders responseHeaders;

    public AdminUsageProcessor(GatewayConfig config, QuotaLedger ledger, QuotaMetrics metrics, AdminAuthorization admin,
                               ResponseHeaders responseHeaders) {
        this(() -> config, ledger, metrics, admin, responseHeaders);
    }

    /** @param config the configuration as it is now (a reload may add or remove tenants) */
    public AdminUsageProcessor(Supplier<GatewayConfig> config, QuotaLedger ledger, QuotaMetrics metrics,
                               AdminAuthorization admin, ResponseHeaders responseHeaders) {
        this.currentConfig = config;
        this.ledger = ledger;
        this.metrics = metrics;
        this.admin = admin;
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String tenantId = in.getHeader(TENANT_PARAM, String.class);
        String authorization = in.getHeader(GatewayHeaders.AUTHORIZATION, String.class);
        in.removeHeader(GatewayHeaders.AUTHORIZATION);
        admin.check(authorization, "/admin/usage/" + tenantId);
        GatewayConfig config = currentConfig.get();
        TenantConfig tenant = config.tenant(tenantId).orElseThrow(
                () -> new GatewayException(OpenAiError.tenantNotFound(tenantId)));
        QuotaUsage usage = ledger.usage(tenant.id(), QuotaLimits.of(tenant.quotas()));

        ObjectNode body = JSON.createObjectNode()
                .put("tenant", tenant.id())
                .put("region", config.region())
                .put("at", usage.at().toString());
        ArrayNode windows = body.putArray("windows");
        for (QuotaUsage.WindowUsage window : usage.windows()) {
            windows.addObject()
                    .put("limit-name", window.window().key())
                    .put("unit", window.window().countsTokens() ? "tokens" : "requests")
                    .put("limit", window.limit())
                    .put("used", window.used())
                    .put("remaining", window.remaining())
                    .put("resets-at", window.resetsAt().toString());
        }
        body.set("admissions", JSON.valueToTree(metrics.snapshot(tenant.id())));
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, Calls.find(exchange));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body.toString());
    }
}
