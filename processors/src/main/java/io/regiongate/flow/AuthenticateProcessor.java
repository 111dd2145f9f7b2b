package io.regiongate.flow;

import io.regiongate.tenant.TenantAuthenticator;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Finds the tenant from the API key and drops the key from the message (kept aside for peers only). */
public final class AuthenticateProcessor implements Processor {

    private final TenantAuthenticator authenticator;

    public AuthenticateProcessor(TenantAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = exchange.getIn().getHeader(GatewayHeaders.AUTHORIZATION, String.class);
        exchange.getIn().removeHeader(GatewayHeaders.AUTHORIZATION);
        exchange.setProperty(ExchangeKeys.TENANT, authenticator.authenticate(authorization));
        exchange.setProperty(ExchangeKeys.CLIENT_CREDENTIAL, new ClientCredential(authorization));
    }
}
