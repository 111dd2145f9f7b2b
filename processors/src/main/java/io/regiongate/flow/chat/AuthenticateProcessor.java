package io.regiongate.flow.chat;

import io.regiongate.call.ClientCredential;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.tenant.TenantAuthenticator;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Finds the tenant from the API key and drops the key from the message (kept aside for peers only). */
public final class AuthenticateProcessor implements Processor {

    private final Supplier<TenantAuthenticator> authenticator;

    public AuthenticateProcessor(TenantAuthenticator authenticator) {
        this(() -> authenticator);
    }

    /** @param authenticator the tenants' keys as configured now (a reload replaces them) */
    public AuthenticateProcessor(Supplier<TenantAuthenticator> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = exchange.getIn().getHeader(GatewayHeaders.AUTHORIZATION, String.class);
        exchange.getIn().removeHeader(GatewayHeaders.AUTHORIZATION);
        TenantAuthenticator.Authenticated caller = authenticator.get().authenticate(authorization);
        Calls.of(exchange).authenticated(caller.tenant(), caller.keyId(), new ClientCredential(authorization));
    }
}
