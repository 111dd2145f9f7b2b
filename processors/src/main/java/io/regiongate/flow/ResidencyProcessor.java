package io.regiongate.flow;

import io.regiongate.config.TenantConfig;
import io.regiongate.residency.ResidencyPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Decides where this request's content may go; the decision travels as a property to every hop. */
public final class ResidencyProcessor implements Processor {

    private final ResidencyPolicy policy;

    public ResidencyProcessor(ResidencyPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        TenantConfig tenant = exchange.getProperty(ExchangeKeys.TENANT, TenantConfig.class);
        String forwardedBy = in.getHeader(GatewayHeaders.FORWARDED_BY, String.class);
        exchange.setProperty(ExchangeKeys.RESIDENCY, policy.decide(tenant,
                in.getHeader(GatewayHeaders.RESIDENCY, String.class),
                in.getHeader(GatewayHeaders.CONSENT, String.class),
                forwardedBy != null && !forwardedBy.isBlank()));
    }
}
