package io.regiongate.flow.ops;

import io.regiongate.flow.GatewayHeaders;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** {@code GET /metrics}: the Prometheus text exposition of every metric, for the admin credential only. */
public final class MetricsProcessor implements Processor {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final AdminAuthorization admin;

    public MetricsProcessor(Supplier<String> scrape, AdminAuthorization admin) {
        this.scrape = scrape;
        this.admin = admin;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String authorization = in.getHeader(GatewayHeaders.AUTHORIZATION, String.class);
        admin.check(authorization, "/metrics");
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        out.setBody(scrape.get());
    }
}
