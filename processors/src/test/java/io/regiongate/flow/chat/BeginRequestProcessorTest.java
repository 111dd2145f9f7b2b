package io.regiongate.flow.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A client cannot steer Camel by sending its headers: they are dropped before any step reads them. */
class BeginRequestProcessorTest {

    @Test
    void camelsOwnHeadersAreDroppedWhateverTheirCaseAndTheClientsOthersAndItsAddressStay() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getIn().setHeader(Exchange.HTTP_URI, "http://elsewhere.example/");
            exchange.getIn().setHeader("camelHttpMethod", "DELETE");
            exchange.getIn().setHeader("CAMELFILENAME", "/etc/passwd");
            exchange.getIn().setHeader("X-Request-Label", "kept");
            exchange.getIn().setHeader("Authorization", "Bearer sk-test");
            exchange.getIn().setHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS, "127.0.0.1:5000");

            new BeginRequestProcessor().process(exchange);

            assertThat(exchange.getIn().getHeaders().keySet()).containsExactlyInAnyOrder("X-Request-Label",
                    "Authorization", VertxPlatformHttpConstants.REMOTE_ADDRESS);
        }
    }
}
