package io.regiongate.flow.audit;

import io.regiongate.audit.AuditEvent;
import io.regiongate.flow.ExchangeKeys;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * When an admin read ends, however it ends: one {@code admin_read} event (the path and the status
 * the reader got, never the token) in {@link ExchangeKeys#AUDIT_RECORD} for the writer, so that who
 * looked at a region's counters and metrics is in its trail too.
 */
public final class AuditAdminReadProcessor implements Processor {

    private final String region;
    private final Clock clock;

    public AuditAdminReadProcessor(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        exchange.setProperty(ExchangeKeys.AUDIT_RECORD,
                AuditEvent.adminRead(region, clock.instant(), new AuditEvent.AdminRead(pathOf(exchange), status)));
    }

    /** The path the reader asked for, from the platform-http request itself (its Camel headers are gone by now). */
    private static String pathOf(Exchange exchange) {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        if (http != null && http.getRequest() != null) {
            return http.getRequest().path();
        }
        return exchange.getFromEndpoint() == null ? null : exchange.getFromEndpoint().getEndpointBaseUri();
    }
}
